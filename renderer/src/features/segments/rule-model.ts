import type { RuleNode } from '../../../../shared/specs/segment-rule';

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

/** A node's problems a marketer can fix in place (the engine still validates the whole spec). */
export function nodeProblem(node: RuleNode): string | null {
  if ('attribute' in node) {
    if (!node.attribute) return 'Pick an attribute.';
    if (node.op === 'is_null' || node.op === 'is_not_null') return null;
    const value = (node as { value?: unknown }).value;
    if (value === undefined || value === '' || (Array.isArray(value) && (value.length === 0 || value.some((v) => v === '' || v === null))))
      return 'Enter a value.';
    return null;
  }
  if ('event' in node && !node.event) return 'Pick an event.';
  if ('conversion' in node && !node.conversion) return 'Pick a conversion type.';
  if (('event' in node || 'conversion' in node) && node.max_count !== undefined && node.max_count < node.min_count)
    return 'At most must be at least the minimum.';
  return null;
}

export function treeProblems(node: RuleNode): number {
  const own = nodeProblem(node) ? 1 : 0;
  return own + (children(node) ?? []).reduce((sum, child) => sum + treeProblems(child), 0);
}
