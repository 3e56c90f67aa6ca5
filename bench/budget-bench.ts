import { allocate } from '../shared/analysis/budget/allocate';
import { fitCurve } from '../shared/analysis/budget/fit-curve';
import { steadyMedia } from '../shared/analysis/budget/response-curve';
import { loadWeeklySeries, runBudget } from '../shared/analysis/budget/run-budget';
import type { QueryEngine } from '../shared/engine';
import { parseBudgetSpec } from '../shared/specs/budget-spec';
import type { BenchRow } from './bench-types';
import { medianTime } from './timing';

/**
 * The budget planner (SPEC section 10) on the bench's campaign_performance: its weekly sums in
 * SQL, the curve fits, the split, and the whole plan with its bootstrap interval. Campaign
 * Performance keeps one row per day and ad at any customer count, so only the SQL could grow.
 */
export async function benchBudget(db: QueryEngine): Promise<BenchRow[]> {
  const spec = parseBudgetSpec({ kind: 'budget', metric: 'revenue', budget: 1, weeks: 4 });
  const sums = await medianTime(() => loadWeeklySeries(db, spec));
  const series = sums.value;
  const complete = series.complete.flatMap((c, i) => (c ? [i] : []));
  const window = complete.slice(-4);
  const channels = [...series.channels.entries()];
  const fits = await medianTime(async () => channels.map(([, d]) => fitCurve(d.spend, d.metric, complete).curve));
  const current = channels.map(([, d]) => window.reduce((a, i) => a + (d.spend[i] ?? 0), 0) / window.length);
  const weekly = current.reduce((a, v) => a + v, 0);
  const split = await medianTime(async () =>
    allocate(
      fits.value.map((c, i) => ({ lo: 0, hi: 3 * (current[i] ?? 0), response: (x: number) => steadyMedia(c, x) })),
      weekly,
    ),
  );
  const plan = await medianTime(() => runBudget(db, { ...spec, budget: 4 * weekly }), 1);
  return [
    { name: 'budget: weekly sums per channel (SQL)', seconds: sums.seconds, note: `${channels.length} channels x ${series.weeks.length} ISO weeks` },
    { name: 'budget: fit curves', seconds: fits.seconds, note: `grid + pattern search per channel, ${complete.length} complete weeks` },
    { name: 'budget: optimise split', seconds: split.seconds, note: 'dynamic programming (2000 steps) + pairwise refinement' },
    { name: 'budget: whole plan', seconds: plan.seconds, note: 'SQL, fits, holdout refits, split, 200-replicate bootstrap' },
  ];
}
