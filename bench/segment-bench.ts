import { segmentCount } from '../shared/analysis/segment/run-segment';
import type { QueryEngine } from '../shared/engine';
import type { RuleNode } from '../shared/specs/segment-rule';
import type { BenchRow, BenchScope } from './bench-types';
import { medianTime } from './timing';

export const BENCH_AS_OF = '2026-10-31T00:00:00Z';

/** Six conditions over customers, events and conversions, as a marketer would build them. */
export const SIX_CONDITION_RULE: RuleNode = {
  all: [
    { attribute: 'country', op: 'in', value: ['US', 'CA', 'GB'] },
    {
      any: [
        { attribute: 'ltv', op: '>=', value: 200 },
        { event: 'add_to_cart', min_count: 1, within_days: 60 },
      ],
    },
    { not: { conversion: 'purchase', min_count: 1, within_days: 90 } },
    { consent: 'ads' },
    { attribute: 'lifecycle_stage', op: '!=', value: 'churned' },
    { attribute: 'signup_at', op: 'between', value: ['2025-01-01', '2026-10-31'] },
  ],
};

/**
 * The straightforward SQL an analyst would write for the same segment: correlated subqueries
 * per behaviour condition. `from(id)` is the table or the read_parquet() of the extract.
 */
export function naiveSegmentSql(from: (id: string) => string): string {
  return `SELECT count(*) AS n FROM ${from('customers')} c
WHERE c.country IN ('US', 'CA', 'GB')
  AND (c.ltv >= 200 OR (SELECT count(*) FROM ${from('events')} e WHERE e.customer_id = c.customer_id AND e.event_name = 'add_to_cart'
        AND e.occurred_at BETWEEN TIMESTAMP '2026-10-31' - INTERVAL 60 DAY AND TIMESTAMP '2026-10-31') >= 1)
  AND NOT EXISTS (SELECT 1 FROM ${from('conversions')} v WHERE v.customer_id = c.customer_id AND v.conversion_type = 'purchase'
        AND v.occurred_at BETWEEN TIMESTAMP '2026-10-31' - INTERVAL 90 DAY AND TIMESTAMP '2026-10-31')
  AND c.consent_ads AND c.lifecycle_stage <> 'churned'
  AND c.signup_at BETWEEN TIMESTAMP '2025-01-01' AND TIMESTAMP '2026-10-31'`;
}

export async function benchSegment(db: QueryEngine, parquet: (id: string) => string, scope: BenchScope): Promise<BenchRow[]> {
  const ours = await medianTime(() => segmentCount(db, SIX_CONDITION_RULE, BENCH_AS_OF), scope.runs);
  const row = { name: 'segment count, 6 conditions', seconds: ours.seconds, cpuSeconds: ours.cpuSeconds };
  if (!scope.naive) return [{ ...row, note: `${ours.value} members` }];
  const naiveFiles = await medianTime(async () => (await db.all<{ n: number }>(naiveSegmentSql(parquet)))[0]?.n);
  const naiveTables = await medianTime(async () => (await db.all<{ n: number }>(naiveSegmentSql((id) => id)))[0]?.n);
  if (naiveFiles.value !== ours.value || naiveTables.value !== ours.value) {
    throw new Error(`segment answers differ: engine ${ours.value}, naive ${naiveFiles.value} / ${naiveTables.value}`);
  }
  return [
    { ...row, naiveSeconds: naiveFiles.seconds, note: `${ours.value} members; naive = correlated SQL over the Parquet files` },
    {
      name: 'segment count, naive SQL on ingested tables',
      seconds: ours.seconds,
      naiveSeconds: naiveTables.seconds,
      note: 'same naive SQL, tables instead of files',
    },
  ];
}
