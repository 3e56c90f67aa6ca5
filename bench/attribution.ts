/**
 * Attribution figures for `npm run bench`: the seven pinned models together (cold: journeys cache
 * built), each model alone and a what-if parameter change (warm: cache reused), beside a naive
 * reference: the straightforward range join with window functions an analyst would write for
 * last touch, first touch and linear in one query.
 */
import type { QueryEngine } from '../shared/engine';
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
  const spec = (models: unknown[]) => attributionSpecSchema.parse({ kind: 'attribution', conversion_type: 'purchase', lookback_days: 30, models });
  const naive = await time(() => db.all(NAIVE_THREE_MODELS));
  const cold = await time(() => runAttribution(db, spec(SEVEN)));
  const warm = await time(() => runAttribution(db, spec(SEVEN)));
  const rows: BenchRow[] = [
    { name: 'attribution: 7 models, cold (journeys cache built)', seconds: cold.seconds, naiveSeconds: naive.seconds, note: `naive = last/first/linear only; ${cold.value.conversions} purchases` },
    { name: 'attribution: 7 models, warm cache', seconds: warm.seconds, naiveSeconds: naive.seconds },
  ];
  for (const model of SEVEN) {
    const one = await time(() => runAttribution(db, spec([model])));
    rows.push({ name: `attribution: ${model.model}${model.model === 'markov' ? ' order 1' : ''} (warm)`, seconds: one.seconds });
  }
  const whatIf = await time(() => runAttribution(db, spec([{ model: 'time_decay', half_life_days: 3 }, { model: 'position_based', first_weight: 0.3, last_weight: 0.5 }])));
  rows.push({ name: 'what-if: new half-life and position weights', seconds: whatIf.seconds, naiveSeconds: naive.seconds });
  const extras = await time(() => runAttribution(db, spec([{ model: 'shapley' }, { model: 'markov', order: 2 }, { model: 'markov', order: 3 }])));
  rows.push({ name: 'extras: shapley + markov orders 2 and 3 (warm)', seconds: extras.seconds });
  return rows;
}
