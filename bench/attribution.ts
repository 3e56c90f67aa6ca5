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
import type { BenchRow } from './bench-types';

const SEVEN = [
  { model: 'last_touch' },
  { model: 'first_touch' },
  { model: 'linear' },
  { model: 'position_based' },
  { model: 'time_decay' },
  { model: 'last_non_direct' },
  { model: 'markov', order: 1 },
];

async function time<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { seconds: (performance.now() - started) / 1000, value };
}

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

export async function benchAttribution(db: QueryEngine): Promise<BenchRow[]> {
  const spec = (models: unknown[], lookback = 30) =>
    attributionSpecSchema.parse({ kind: 'attribution', conversion_type: 'purchase', lookback_days: lookback, models });
  // A data version of its own, so the cold run really builds its caches.
  const opts = { dataVersion: `bench-${Date.now()}` };
  const naive = (await time(() => db.all(NAIVE_THREE_MODELS))).seconds;
  const cold = await time(() => runAttribution(db, spec(SEVEN), opts));
  const warm = await time(() => runAttribution(db, spec(SEVEN), opts));
  const rows: BenchRow[] = [
    { name: 'attribution: naive reference (last/first/linear, one range-join query)', seconds: naive },
    {
      name: 'attribution: 7 models, cold (journeys + Markov counts built)',
      seconds: cold.seconds,
      naiveSeconds: naive,
      note: `${cold.value.conversions} purchases`,
    },
    { name: 'attribution: 7 models, warm', seconds: warm.seconds, naiveSeconds: naive },
  ];
  for (const model of SEVEN) {
    const one = await time(() => runAttribution(db, spec([model]), opts));
    rows.push({ name: `attribution: ${model.model} alone (warm)`, seconds: one.seconds, naiveSeconds: naive });
  }
  const whatIf = await time(() =>
    runAttribution(
      db,
      spec([
        { model: 'time_decay', half_life_days: 3 },
        { model: 'position_based', first_weight: 0.3, last_weight: 0.5 },
      ]),
      opts,
    ),
  );
  rows.push({ name: 'what-if: new half-life and position weights', seconds: whatIf.seconds, naiveSeconds: naive });
  const shorter = await time(() => runAttribution(db, spec(SEVEN, 14), opts));
  rows.push({ name: 'what-if: lookback 30 -> 14 days, 7 models', seconds: shorter.seconds, naiveSeconds: naive, note: 'derived from the 30-day cache' });
  const longer = await time(() => runAttribution(db, spec(SEVEN, 60), opts));
  rows.push({
    name: 'what-if: lookback 30 -> 60 days, 7 models',
    seconds: longer.seconds,
    naiveSeconds: naive,
    note: 'new range join; Markov non-converting counts reused',
  });
  const extras = await time(() => runAttribution(db, spec([{ model: 'shapley' }, { model: 'markov', order: 2 }, { model: 'markov', order: 3 }]), opts));
  rows.push({ name: 'extras: shapley + markov orders 2 and 3 (warm)', seconds: extras.seconds });
  const paths = await time(() =>
    conversionPaths(db, { conversion_type: 'purchase', lookback_days: 30, interactions: ['impression', 'click', 'visit', 'open'] }, 20, opts),
  );
  rows.push({ name: 'conversion paths: top 20 + histograms', seconds: paths.seconds, note: `${paths.value.paths.length} paths` });
  return rows;
}
