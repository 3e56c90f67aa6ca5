import { useMemo, useState } from 'react';
import type { BudgetResult } from '../../../../shared/analysis/budget/run-budget';
import { expectedWeekly, moveSpend, splitTotal } from '../../../../shared/analysis/budget/plan-curves';
import { channelName } from '../../../../shared/display-names';
import { formatCurrency, formatPercent } from '../../../../shared/format';
import { metricText } from './PlannerResults';

/**
 * Move budget between channels by hand: each slider sets one channel's weekly spend (inside its
 * bounds) and the others give or take the difference, so the weekly budget stays the same. The
 * predicted total is the fitted curves evaluated here (plan-curves.ts, the engine's own curve
 * functions), so it moves as the slider does without a round trip.
 */
export function ManualSplit({ result, limits }: { result: BudgetResult; limits: { lo: number; hi: number }[] }) {
  const recommended = useMemo(() => result.channels.map((c) => c.recommended_weekly_spend), [result]);
  const [spends, setSpends] = useState<number[]>(recommended);
  // A new plan resets the sliders to its recommendation (state adjusted while rendering, as React
  // recommends for state derived from a prop, rather than in an effect).
  const [planOf, setPlanOf] = useState(recommended);
  if (planOf !== recommended) {
    setPlanOf(recommended);
    setSpends(recommended);
  }
  const models = result.channels.map((c) => c.model);
  const total = splitTotal(models, spends);
  const best = result.total.expected_weekly_recommended;
  const current = result.total.expected_weekly_current;
  return (
    <div className="card" data-testid="plan-manual">
      <div className="card-head">
        <h2>Try your own split</h2>
        <button type="button" className="btn" onClick={() => setSpends(recommended)} data-testid="plan-manual-reset">
          Back to the recommendation
        </button>
      </div>
      <p>
        Your split earns{' '}
        <strong data-testid="plan-manual-total" data-value={total}>
          {metricText(result, total)}
        </strong>{' '}
        a week: {metricText(result, total - current)} against current spend,{' '}
        <span data-testid="plan-manual-gap">{formatPercent(best !== 0 ? total / best : null)}</span> of the recommendation&apos;s {metricText(result, best)}.
      </p>
      <div className="plan-sliders">
        {result.channels.map((c, i) => {
          const lim = limits[i] ?? { lo: 0, hi: 0 };
          const value = spends[i] ?? 0;
          return (
            <label key={c.channel} className="slider" data-testid={`plan-slider-row-${c.channel}`}>
              <span>
                {channelName(c.channel)}: <strong data-testid={`plan-slider-${c.channel}-value`}>{formatCurrency(value)}</strong> a week,{' '}
                <span className="muted">expected {metricText(result, expectedWeekly(c.model, value))}</span>
              </span>
              <input
                type="range"
                min={lim.lo}
                max={lim.hi}
                step={Math.max((lim.hi - lim.lo) / 200, 1e-6)}
                value={value}
                disabled={!(lim.hi > lim.lo)}
                aria-label={`${channelName(c.channel)} weekly spend`}
                data-testid={`plan-slider-${c.channel}`}
                onChange={(e) => setSpends((s) => moveSpend(s, limits, i, Number(e.target.value)))}
              />
            </label>
          );
        })}
      </div>
    </div>
  );
}
