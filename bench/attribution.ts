/**
 * Attribution figures for `npm run bench`: the seven pinned models together, cold (journeys
 * cache and Markov counts built from raw touchpoints) and warm; each model alone; what-if
 * changes (half-life and position weights; a shorter lookback; a longer one); the extras; the
 * conversion-paths report. The naive reference is the straightforward range join with window
 * functions an analyst would write for last touch, first touch and linear in one query.
 */
import type { QueryEngine } from '../shared/engine';
import { conversionPaths } from '../shared/analysis/attribution/conversion-paths';
import { runAttribution } from '../shared/analysis/attribution/run-attribution';
import { attributionSpecSchema } from '../shared/specs/attribution-spec';
import type { BenchRow, BenchScope } from './bench-types';
import { timed } from './timing';

export const SEVEN = [
  { model: 'last_touch' },
  { model: 'first_touch' },
  { model: 'linear' },
  { model: 'position_based' },
  { model: 'time_decay' },
  { model: 'last_non_direct' },
  { model: 'markov', order: 1 },
];

const NAIVE_THREE_MODELS = `
WITH paths AS (
  SELECT c.conversion_id, t.channel, c.revenue,
         row_number() OVER (PARTITION BY c.conversion_id ORDER BY t.occurred_at, t.touchpoint_id) AS pos,
         count(*) OVER (PARTITION BY c.conversion_id) AS n
  FROM conversions c JOIN touchpoints t
    ON t.customer_id = c.customer_id AND t.occurred_at <= c.occurred_at AND t.occurred_at >= c.occurred_at - INTERVAL 30 DAY
  WHERE c.conversion_type = 'purchase'
)
SELECT channel,
       sum(CASE WHEN pos = n THEN 1 ELSE 0 END) AS last_touch,
       sum(CASE WHEN pos = 1 THEN 1 ELSE 0 END) AS first_touch,
       sum(1.0 / n) AS linear
FROM paths GROUP BY channel`;

/** A row from a timed run: wall and CPU seconds. */
function row(name: string, run: { seconds: number; cpuSeconds: number }, extra: Partial<BenchRow> = {}): BenchRow {
  return { name, seconds: run.seconds, cpuSeconds: run.cpuSeconds, ...extra };
}

export async function benchAttribution(db: QueryEngine, scope: BenchScope = { naive: true, runs: 3 }): Promise<BenchRow[]> {
  const spec = (models: unknown[], lookback = 30) =>
    attributionSpecSchema.parse({ kind: 'attribution', conversion_type: 'purchase', lookback_days: lookback, models });
  // A data version of its own, so the cold run really builds its caches.
  const opts = { dataVersion: `bench-${Date.now()}` };
  const naive = scope.naive ? (await timed(() => db.all(NAIVE_THREE_MODELS))).seconds : undefined;
  const vsNaive = naive === undefined ? {} : { naiveSeconds: naive };
  const cold = await timed(() => runAttribution(db, spec(SEVEN), opts));
  const warm = await timed(() => runAttribution(db, spec(SEVEN), opts));
  const rows: BenchRow[] = [
    ...(naive === undefined ? [] : [{ name: 'attribution: naive reference (last/first/linear, one range-join query)', seconds: naive }]),
    row('attribution: 7 models, cold (journeys + Markov counts built)', cold, { ...vsNaive, note: `${cold.value.conversions} purchases` }),
    row('attribution: 7 models, warm', warm, vsNaive),
  ];
  if (scope.naive) {
    for (const model of SEVEN) {
      const one = await timed(() => runAttribution(db, spec([model]), opts));
      rows.push(row(`attribution: ${model.model} alone (warm)`, one, vsNaive));
    }
    const whatIf = await timed(() =>
      runAttribution(
        db,
        spec([
          { model: 'time_decay', half_life_days: 3 },
          { model: 'position_based', first_weight: 0.3, last_weight: 0.5 },
        ]),
        opts,
      ),
    );
    rows.push(row('what-if: new half-life and position weights', whatIf, vsNaive));
  }
  const shorter = await timed(() => runAttribution(db, spec(SEVEN, 14), opts));
  rows.push(row('what-if: lookback 30 -> 14 days, 7 models', shorter, { ...vsNaive, note: 'derived from a cached longer lookback' }));
  const longer = await timed(() => runAttribution(db, spec(SEVEN, 60), opts));
  rows.push(row('what-if: lookback 30 -> 60 days, 7 models', longer, { ...vsNaive, note: 'longer than any lookback asked before' }));
  if (!scope.naive) return rows;
  const extras = await timed(() => runAttribution(db, spec([{ model: 'shapley' }, { model: 'markov', order: 2 }, { model: 'markov', order: 3 }]), opts));
  rows.push(row('extras: shapley + markov orders 2 and 3 (warm)', extras));
  const pathsRequest = { conversion_type: 'purchase', lookback_days: 30, interactions: ['impression', 'click', 'visit', 'open'] };
  // As in the app: the models ran first (journeys cached), then the report's first run.
  const paths = await timed(() => conversionPaths(db, pathsRequest, 20, opts));
  rows.push(row('conversion paths: top 20 + histograms, first run', paths, { note: `${paths.value.paths.length} paths; after the models` }));
  // Its own data version: nothing cached at all (journeys, Markov's non-converting journeys).
  const pathsCold = await timed(() => conversionPaths(db, pathsRequest, 20, { dataVersion: `${opts.dataVersion}-paths` }));
  rows.push(row('conversion paths: nothing cached', pathsCold, { note: 'journeys built too' }));
  return rows;
}
