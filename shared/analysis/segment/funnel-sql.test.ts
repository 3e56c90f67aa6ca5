import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../main/engine/duckdb-engine';
import type { RuleNode } from '../../specs/segment-rule';
import { segmentFunnel } from './funnel-sql';
import { segmentCount } from './run-segment';

// Six customers; as_of 2026-06-30.
//   id   country ltv  consent_ads  add_to_cart in the last 30 days
//   c_1  US      600  true         2
//   c_2  US      100  true         1
//   c_3  CA      700  false        0
//   c_4  US      800  NULL         3
//   c_5  NULL    900  true         1
//   c_6  FR       50  true         0
// country in (US, CA): c_1 c_2 c_3 c_4           -> 4 (alone 4)
// ltv >= 500:          c_1 c_3 c_4 c_5           -> running 3 (c_1 c_3 c_4), alone 4
// consent ads:         c_1 c_2 c_5 c_6           -> running 1 (c_1), alone 4
let db: DuckDbEngine;
const AS_OF = '2026-06-30T00:00:00Z';

beforeAll(async () => {
  db = await DuckDbEngine.open();
  await db.run(
    `CREATE TABLE customers (customer_id VARCHAR, country VARCHAR, ltv DOUBLE, consent_ads BOOLEAN, consent_email BOOLEAN, consent_analytics BOOLEAN)`,
  );
  await db.run(`INSERT INTO customers VALUES ('c_1', 'US', 600, true, true, true), ('c_2', 'US', 100, true, true, true),
    ('c_3', 'CA', 700, false, true, true), ('c_4', 'US', 800, NULL, true, true), ('c_5', NULL, 900, true, true, true),
    ('c_6', 'FR', 50, true, true, true)`);
  await db.run(`CREATE TABLE events (event_id VARCHAR, customer_id VARCHAR, occurred_at TIMESTAMP, event_name VARCHAR)`);
  await db.run(`INSERT INTO events VALUES ('e1', 'c_1', '2026-06-20 00:00:00', 'add_to_cart'), ('e2', 'c_1', '2026-06-21 00:00:00', 'add_to_cart'),
    ('e3', 'c_2', '2026-06-22 00:00:00', 'add_to_cart'), ('e4', 'c_4', '2026-06-01 00:00:00', 'add_to_cart'),
    ('e5', 'c_4', '2026-06-02 00:00:00', 'add_to_cart'), ('e6', 'c_4', '2026-06-03 00:00:00', 'add_to_cart'),
    ('e7', 'c_5', '2026-06-29 00:00:00', 'add_to_cart'), ('e8', 'c_6', '2026-01-01 00:00:00', 'add_to_cart')`);
});
afterAll(() => db.close());

describe('segment funnel', () => {
  it('counts each top-level condition cumulatively and alone, ending at the segment count', async () => {
    const rule: RuleNode = {
      all: [{ attribute: 'country', op: 'in', value: ['US', 'CA'] }, { attribute: 'ltv', op: '>=', value: 500 }, { consent: 'ads' }],
    };
    const funnel = await segmentFunnel(db, rule, AS_OF);
    expect(funnel).toEqual({
      base: 6,
      steps: [
        { remaining: 4, alone: 4 },
        { remaining: 3, alone: 4 },
        { remaining: 1, alone: 4 },
      ],
    });
    expect(funnel.steps.at(-1)?.remaining).toBe(await segmentCount(db, rule, AS_OF));
  });

  it('treats a nested group as one step and counts behaviour with min_count 0 as keeping people with no rows', async () => {
    // any(ltv < 200, did add_to_cart >= 2 in 30 days): c_1 (2 carts), c_2 (ltv 100), c_4 (3 carts), c_6 (ltv 50) -> 4.
    // then did add_to_cart at most 0 times in 30 days (min 0, max 0): c_3 c_6 -> with the group: c_6 only.
    const rule: RuleNode = {
      all: [
        {
          any: [
            { attribute: 'ltv', op: '<', value: 200 },
            { event: 'add_to_cart', min_count: 2, within_days: 30 },
          ],
        },
        { event: 'add_to_cart', min_count: 0, max_count: 0, within_days: 30 },
      ],
    };
    const funnel = await segmentFunnel(db, rule, AS_OF);
    expect(funnel.steps).toEqual([
      { remaining: 4, alone: 4 },
      { remaining: 1, alone: 2 },
    ]);
    expect(funnel.steps.at(-1)?.remaining).toBe(await segmentCount(db, rule, AS_OF));
  });

  it('gives the base only for an empty rule, and one step for a top-level OR', async () => {
    expect(await segmentFunnel(db, { all: [] }, AS_OF)).toEqual({ base: 6, steps: [] });
    const any: RuleNode = {
      any: [
        { attribute: 'country', op: '=', value: 'FR' },
        { attribute: 'country', op: '=', value: 'CA' },
      ],
    };
    expect(await segmentFunnel(db, any, AS_OF)).toEqual({ base: 6, steps: [{ remaining: 2, alone: 2 }] });
  });
});
