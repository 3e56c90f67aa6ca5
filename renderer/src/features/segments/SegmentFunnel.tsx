import { formatCount, formatPercent } from '../../../../shared/format';
import type { RuleNode, Scalar } from '../../../../shared/specs/segment-rule';
import { humanize } from '../../../../shared/display-names';
import { valueLabel } from './property-names';
import { describeRule, type RuleColumn } from '../audiences/describe-rule';
import { ErrorState } from '../../ui/States';
import { nodeProblem } from './rule-model';
import type { LiveAnswer } from './segment-queries';

interface FunnelAnswer {
  base: number;
  steps: { remaining: number; alone: number }[];
}

/** Top-level conditions as the funnel walks them (funnel-sql.ts): an "all"'s children, else the rule. */
function conditionsOf(rule: RuleNode): RuleNode[] {
  return 'all' in rule ? rule.all : [rule];
}

/** The rule with values as people read them (country names, event names in words), for its sentence. */
function readable(node: RuleNode): RuleNode {
  if ('all' in node) return { all: node.all.map(readable) };
  if ('any' in node) return { any: node.any.map(readable) };
  if ('not' in node) return { not: readable(node.not) };
  if ('event' in node) return { ...node, event: humanize(node.event).toLowerCase() };
  if ('conversion' in node) return { ...node, conversion: humanize(node.conversion).toLowerCase() };
  if ('attribute' in node && 'value' in node) {
    const label = (v: Scalar): Scalar => (typeof v === 'string' ? valueLabel(node.attribute, v) : v);
    return { ...node, value: Array.isArray(node.value) ? node.value.map(label) : label(node.value) } as RuleNode;
  }
  return node;
}

function unfinished(node: RuleNode): boolean {
  if (nodeProblem(node)) return true;
  if ('all' in node) return node.all.some(unfinished);
  if ('any' in node) return node.any.some(unfinished);
  if ('not' in node) return unfinished(node.not);
  return false;
}

/**
 * How many customers each top-level condition keeps: a horizontal funnel of the running AND,
 * each bar with its count and share of all customers, and what the condition keeps on its own.
 */
export function SegmentFunnel({ rule, columns, answer }: { rule: RuleNode; columns: readonly RuleColumn[]; answer: LiveAnswer<FunnelAnswer> }) {
  const conditions = conditionsOf(rule);
  const result = answer.result;
  if (answer.error) return <ErrorState title="The funnel cannot be computed" message="Fix the condition marked in the rule; the funnel follows." />;
  if (conditions.length === 0) return <p className="muted">Add conditions to see how many customers each one keeps.</p>;
  const base = result?.base ?? null;
  return (
    <ol className="seg-funnel" data-testid="seg-funnel" data-base={base ?? ''} data-running={answer.running}>
      <li className="seg-funnel-step">
        <span className="seg-funnel-label">All customers</span>
        <span className="seg-funnel-bar">
          <span style={{ width: base === null ? 0 : '100%' }} />
        </span>
        <span className="seg-funnel-count">{formatCount(base)}</span>
      </li>
      {conditions.map((condition, i) => {
        const step = result?.steps.length === conditions.length ? result.steps[i] : undefined;
        const label = describeRule(readable(condition), columns);
        if (unfinished(condition)) {
          return (
            <li key={i} className="seg-funnel-step seg-funnel-unfinished" data-testid="seg-funnel-step" data-remaining="">
              <span className="seg-funnel-label">{i + 1}. …</span>
              <span className="rule-problem">Finish this condition</span>
            </li>
          );
        }
        const share = step && base ? step.remaining / base : null;
        return (
          <li key={i} className="seg-funnel-step" data-testid="seg-funnel-step" data-remaining={step?.remaining ?? ''}>
            <span className="seg-funnel-label" title={label}>
              {i + 1}. {i === 0 ? '' : 'and '}
              {label}
            </span>
            <span className="seg-funnel-bar" title={step ? `${formatCount(step.alone)} match this condition on its own` : undefined}>
              <span style={{ width: share === null ? 0 : `${Math.max(share * 100, share > 0 ? 0.5 : 0)}%` }} />
            </span>
            <span className="seg-funnel-count">
              {formatCount(step?.remaining)} <span className="muted">({formatPercent(share)})</span>
              {step && conditions.length > 1 && <span className="muted seg-funnel-alone">alone {formatCount(step.alone)}</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
