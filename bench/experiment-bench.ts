import { runExperiment } from '../shared/analysis/experiment/run-experiment';
import type { QueryEngine } from '../shared/engine';
import { parseExperimentSpec } from '../shared/specs/experiment-spec';
import { welchTest } from '../shared/stats/welch';
import type { BenchRow, BenchScope } from './bench-types';
import { medianTime } from './timing';

export const BENCH_EXPERIMENT = parseExperimentSpec({
  kind: 'experiment',
  experiment_id: 'exp_checkout_v2',
  control: 'control',
  window_days: 28,
  metrics: [
    { name: 'purchase_rate', type: 'proportion', conversion_type: 'purchase' },
    { name: 'revenue_per_user', type: 'mean', conversion_type: 'purchase' },
  ],
});

/**
 * The straightforward analyst version: one query per metric with a correlated subquery per user,
 * then the same Welch statistics. Its means must equal the engine's.
 */
function naiveMetricSql(from: (id: string) => string, value: 'proportion' | 'mean'): string {
  const inWindow = `c.customer_id = a.customer_id AND c.conversion_type = 'purchase'
      AND c.occurred_at >= a.assigned_at AND c.occurred_at < a.assigned_at + INTERVAL 28 DAY`;
  const y =
    value === 'proportion'
      ? `CASE WHEN EXISTS (SELECT 1 FROM ${from('conversions')} c WHERE ${inWindow}) THEN 1.0 ELSE 0.0 END`
      : `COALESCE((SELECT sum(c.revenue) FROM ${from('conversions')} c WHERE ${inWindow}), 0)`;
  return `SELECT variant, count(*) AS n, avg(y) AS mean, var_samp(y) AS variance FROM (
    SELECT a.customer_id, a.variant, ${y} AS y FROM ${from('experiment_assignments')} a WHERE a.experiment_id = 'exp_checkout_v2'
  ) GROUP BY variant ORDER BY variant`;
}

async function naiveExperiment(db: QueryEngine, from: (id: string) => string): Promise<number[]> {
  const means: number[] = [];
  for (const type of ['proportion', 'mean'] as const) {
    const rows = await db.all<{ variant: string; n: number; mean: number; variance: number }>(naiveMetricSql(from, type));
    const control = rows.find((r) => r.variant === 'control');
    const treatment = rows.find((r) => r.variant === 'treatment');
    if (!control || !treatment) throw new Error('exp_checkout_v2 needs control and treatment assignments');
    welchTest(control, treatment, 0.05);
    means.push(control.mean, treatment.mean);
  }
  return means;
}

export async function benchExperiment(db: QueryEngine, parquet: (id: string) => string, scope: BenchScope): Promise<BenchRow[]> {
  const ours = await medianTime(() => runExperiment(db, BENCH_EXPERIMENT), scope.runs);
  const users = Object.values(ours.value.srm.counts).reduce((a, b) => a + b, 0);
  const row = { name: 'experiment, 2 metrics', seconds: ours.seconds, cpuSeconds: ours.cpuSeconds };
  if (!scope.naive) return [{ ...row, note: `${users} users` }];
  const naiveFiles = await medianTime(() => naiveExperiment(db, parquet));
  const naiveTables = await medianTime(() => naiveExperiment(db, (id) => id));
  const ourMeans = ours.value.metrics.flatMap((m) => m.variants.map((v) => v.mean));
  for (const naive of [naiveFiles.value, naiveTables.value]) {
    naive.forEach((m, i) => {
      if (Math.abs(m - (ourMeans[i] ?? NaN)) > 1e-9 * Math.max(1, Math.abs(m)))
        throw new Error(`experiment means differ: ${ourMeans.join(',')} vs ${naive.join(',')}`);
    });
  }
  return [
    { ...row, naiveSeconds: naiveFiles.seconds, note: `${users} users; naive = per-metric correlated SQL over the Parquet files` },
    {
      name: 'experiment, naive SQL on ingested tables',
      seconds: ours.seconds,
      naiveSeconds: naiveTables.seconds,
      note: 'same naive SQL, tables instead of files',
    },
  ];
}
