import type { RuleNode } from '../../../../shared/specs/segment-rule';
import { FIELD_HINTS, FIELD_LIMITS, type ConditionField } from './field-errors';

/** Immutable edits on a segment rule tree, addressed by a path of child indexes. */
export type Path = number[];

export function children(node: RuleNode): RuleNode[] | null {
  if ('all' in node) return node.all;
  if ('any' in node) return node.any;
  if ('not' in node) return [node.not];
  return null;
}

function withChildren(node: RuleNode, kids: RuleNode[]): RuleNode {
  if ('all' in node) return { all: kids };
  if ('any' in node) return { any: kids };
  if ('not' in node) return { not: kids[0] ?? { all: [] } };
  return node;
}

export function updateAt(root: RuleNode, path: Path, fn: (node: RuleNode) => RuleNode | null): RuleNode {
  if (path.length === 0) return fn(root) ?? { all: [] };
  const kids = children(root);
  if (!kids) return root;
  const [head, ...rest] = path;
  const next: RuleNode[] = [];
  kids.forEach((child, i) => {
    if (i !== head) next.push(child);
    else {
      const replaced = rest.length === 0 ? fn(child) : updateAt(child, rest, fn);
      if (replaced) next.push(replaced);
    }
  });
  return withChildren(root, next);
}

export function addChild(root: RuleNode, path: Path, child: RuleNode): RuleNode {
  return updateAt(root, path, (node) => {
    const kids = children(node);
    return kids && !('not' in node) ? withChildren(node, [...kids, child]) : node;
  });
}

export function removeAt(root: RuleNode, path: Path): RuleNode {
  return updateAt(root, path, () => null);
}

/** One thing to fix on a condition, placed on the field it concerns (null: the condition as a whole). */
export interface ConditionIssue {
  field: ConditionField | null;
  message: string;
}

const isWhole = (n: unknown, min: number, max: number): boolean => typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;

/**
 * A condition's problems a marketer can fix in place, each at its field. The builder asks for
 * sensible input (whole days from 1 to 3,650, whole counts) even where the rule grammar allows
 * more, so "in the last 0 days" or "at least 2.5 times" never runs silently. The engine still
 * validates the whole spec.
 */
export function nodeIssues(node: RuleNode): ConditionIssue[] {
  if ('attribute' in node) {
    if (!node.attribute) return [{ field: 'attribute', message: 'Pick a property.' }];
    if (node.op === 'is_null' || node.op === 'is_not_null') return [];
    const value = (node as { value?: unknown }).value;
    const blank = (v: unknown) => v === undefined || v === '' || v === null || (typeof v === 'number' && !Number.isFinite(v));
    if (node.op === 'in' || node.op === 'not_in') {
      return !Array.isArray(value) || value.length === 0 || value.some(blank) ? [{ field: 'values', message: 'Pick at least one value.' }] : [];
    }
    if (node.op === 'between') {
      const pair = Array.isArray(value) ? value : [];
      const out: ConditionIssue[] = [];
      if (blank(pair[0])) out.push({ field: 'lo', message: 'Enter where the range starts.' });
      if (blank(pair[1])) out.push({ field: 'hi', message: 'Enter where the range ends.' });
      if (out.length === 0 && typeof pair[0] === 'number' && typeof pair[1] === 'number' && pair[0] > pair[1])
        out.push({ field: 'hi', message: 'The end must not be below the start.' });
      return out;
    }
    return blank(value) ? [{ field: 'value', message: 'Enter a value.' }] : [];
  }
  if ('event' in node || 'conversion' in node) {
    const out: ConditionIssue[] = [];
    if ('event' in node && !node.event) out.push({ field: 'name', message: 'Pick an event.' });
    if ('conversion' in node && !node.conversion) out.push({ field: 'name', message: 'Pick a conversion type.' });
    if (!isWhole(node.min_count, 0, FIELD_LIMITS.maxCount)) out.push({ field: 'min', message: FIELD_HINTS.min });
    if (node.max_count !== undefined && !isWhole(node.max_count, Math.max(0, node.min_count), FIELD_LIMITS.maxCount))
      out.push({ field: 'max', message: FIELD_HINTS.max });
    if (node.within_days !== undefined && !isWhole(node.within_days, FIELD_LIMITS.minDays, FIELD_LIMITS.maxDays))
      out.push({ field: 'days', message: FIELD_HINTS.days });
    return out;
  }
  return [];
}

/** The first problem of a node, or null when it can run. */
export function nodeProblem(node: RuleNode): string | null {
  return nodeIssues(node)[0]?.message ?? null;
}

export function treeProblems(node: RuleNode): number {
  const own = nodeProblem(node) ? 1 : 0;
  return own + (children(node) ?? []).reduce((sum, child) => sum + treeProblems(child), 0);
}
