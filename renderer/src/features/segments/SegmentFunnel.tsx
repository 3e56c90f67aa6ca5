import { formatCount, formatPercent } from '../../../../shared/format';
import type { RuleNode } from '../../../../shared/specs/segment-rule';
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
        const label = describeRule(condition, columns);
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
