import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSegment, segmentOverlap, segmentPreview } from './run-segment';
import { parseSegmentSpec } from '../../specs/segment-spec';
import { DuckDbEngine } from '../../../main/engine/duckdb-engine';

// Five customers. c_3 has a NULL country, ltv and phone; c_5's name holds SQL and wildcards.
//   id   country ltv   signup_at            consent_ads email
//   c_1  US      600   2026-01-10 00:00:00  true        ann@example.com
//   c_2  CA      100   2026-03-01 12:00:00  false       bob@example.com
//   c_3  NULL    NULL  2026-05-05 00:00:00  NULL        cy@example.com
//   c_4  us      500   2026-06-29 23:59:59  true        dee@example.com
//   c_5  FR      50    2025-12-31 00:00:00  true        '; DROP TABLE customers; --
// Events (as_of 2026-06-30): c_1 add_to_cart x2 on 06-20 and 06-25, x1 on 04-01 (outside 30 days);
// c_2 add_to_cart x1 on 06-29; c_4 add_to_cart on exactly 2026-05-31 00:00 (the 30-day edge).
// Conversions: c_2 purchase 06-01; c_5 purchase 2026-07-01 (after as_of).
let db: DuckDbEngine;

beforeAll(async () => {
  db = await DuckDbEngine.open();
  await db.run(`CREATE TABLE customers (customer_id VARCHAR, email VARCHAR, phone VARCHAR, country VARCHAR, ltv DOUBLE,
    signup_at TIMESTAMP, consent_ads BOOLEAN, consent_email BOOLEAN, consent_analytics BOOLEAN, nickname VARCHAR)`);
  await db.run(`INSERT INTO customers VALUES
    ('c_1', 'ann@example.com', '+15550101', 'US', 600, '2026-01-10 00:00:00', true, true, true, 'a%b'),
    ('c_2', 'bob@example.com', '+15550102', 'CA', 100, '2026-03-01 12:00:00', false, true, false, 'a_b'),
    ('c_3', 'cy@example.com', NULL, NULL, NULL, '2026-05-05 00:00:00', NULL, NULL, NULL, 'back\\\\slash'),
    ('c_4', 'dee@example.com', '+15550104', 'us', 500, '2026-06-29 23:59:59', true, false, true, 'zoë ✓'),
    ('c_5', 'eve@example.com', '+15550105', 'FR', 50, '2025-12-31 00:00:00', true, true, true, '''; DROP TABLE customers; --')`);
  await db.run(`CREATE TABLE events (event_id VARCHAR, customer_id VARCHAR, occurred_at TIMESTAMP, event_name VARCHAR)`);
  await db.run(`INSERT INTO events VALUES
    ('e1', 'c_1', '2026-06-20 10:00:00', 'add_to_cart'), ('e2', 'c_1', '2026-06-25 10:00:00', 'add_to_cart'),
    ('e3', 'c_1', '2026-04-01 10:00:00', 'add_to_cart'), ('e4', 'c_2', '2026-06-29 10:00:00', 'add_to_cart'),
    ('e5', 'c_4', '2026-05-31 00:00:00', 'add_to_cart'),
    ('e6', 'c_2', '2026-06-01 00:00:00', '''; DROP TABLE events; --'), ('e7', 'c_3', '2026-06-01 00:00:00', 'add%cart')`);
  await db.run(`CREATE TABLE conversions (conversion_id VARCHAR, customer_id VARCHAR, occurred_at TIMESTAMP, conversion_type VARCHAR, revenue DOUBLE)`);
  await db.run(`INSERT INTO conversions VALUES ('v1', 'c_2', '2026-06-01 00:00:00', 'purchase', 20), ('v2', 'c_5', '2026-07-01 00:00:00', 'purchase', 30)`);
});
afterAll(() => db.close());

async function members(rule: unknown): Promise<string[]> {
  const spec = parseSegmentSpec({ kind: 'segment', as_of: '2026-06-30T00:00:00Z', include_members: true, rule });
  const result = await runSegment(db, spec);
  expect(result.count).toBe(result.members?.length);
  return result.members ?? [];
}

describe('segment attribute conditions', () => {
  it('leaves NULLs out of every comparison, and not() of a NULL comparison is true', async () => {
    expect(await members({ attribute: 'country', op: '!=', value: 'US' })).toEqual(['c_2', 'c_4', 'c_5']);
    expect(await members({ attribute: 'country', op: 'not_in', value: ['US', 'CA'] })).toEqual(['c_4', 'c_5']);
    // c_3's NULL ltv makes ">= 500" false, so "not" of it holds for c_3.
    expect(await members({ not: { attribute: 'ltv', op: '>=', value: 500 } })).toEqual(['c_2', 'c_3', 'c_5']);
    expect(await members({ attribute: 'phone', op: 'is_null' })).toEqual(['c_3']);
    expect(await members({ attribute: 'phone', op: 'is_not_null' })).toEqual(['c_1', 'c_2', 'c_4', 'c_5']);
  });

  it('compares strings case-sensitively, between inclusively, and in [] matches nobody', async () => {
    expect(await members({ attribute: 'country', op: 'in', value: ['US', 'CA'] })).toEqual(['c_1', 'c_2']);
    expect(await members({ attribute: 'ltv', op: 'between', value: [100, 500] })).toEqual(['c_2', 'c_4']);
    expect(await members({ attribute: 'country', op: 'in', value: [] })).toEqual([]);
    expect(await members({ attribute: 'country', op: 'not_in', value: [] })).toEqual(['c_1', 'c_2', 'c_4', 'c_5']);
    expect(await members({ attribute: 'signup_at', op: '>=', value: '2026-06-29T23:59:59Z' })).toEqual(['c_4']);
    // 2026-06-30T01:59:59+02:00 is 23:59:59 UTC the day before: the offset is applied.
    expect(await members({ attribute: 'signup_at', op: '=', value: '2026-06-30T01:59:59+02:00' })).toEqual(['c_4']);
  });

  it('matches every string literally: wildcards, quotes, backslashes, SQL and unicode', async () => {
    expect(await members({ attribute: 'nickname', op: 'contains', value: '%' })).toEqual(['c_1']);
    expect(await members({ attribute: 'nickname', op: 'contains', value: '_' })).toEqual(['c_2']);
    expect(await members({ attribute: 'nickname', op: 'starts_with', value: 'a' })).toEqual(['c_1', 'c_2']);
    expect(await members({ attribute: 'nickname', op: 'contains', value: '\\\\' })).toEqual(['c_3']);
    expect(await members({ attribute: 'nickname', op: '=', value: "'; DROP TABLE customers; --" })).toEqual(['c_5']);
    expect(await members({ attribute: 'country', op: '=', value: "'; DROP TABLE customers; --" })).toEqual([]);
    expect(await members({ attribute: 'nickname', op: 'in', value: ['zoë ✓', "x' OR '1'='1"] })).toEqual(['c_4']);
    const [row] = await db.all<{ n: number }>('SELECT count(*) AS n FROM customers');
    expect(row?.n).toBe(5);
  });
});

describe('segment behaviour conditions', () => {
  it('counts events inside [as_of - within_days, as_of], edges included', async () => {
    // 30 days before 2026-06-30 is 2026-05-31 00:00, so c_4's event on the edge counts.
    expect(await members({ event: 'add_to_cart', within_days: 30 })).toEqual(['c_1', 'c_2', 'c_4']);
    expect(await members({ event: 'add_to_cart', min_count: 2, within_days: 30 })).toEqual(['c_1']);
    // All time: c_1 has 3.
    expect(await members({ event: 'add_to_cart', min_count: 3 })).toEqual(['c_1']);
    expect(await members({ event: 'add_to_cart', min_count: 1, max_count: 1, within_days: 30 })).toEqual(['c_2', 'c_4']);
  });

  it('matches event names and conversion types literally', async () => {
    expect(await members({ event: "'; DROP TABLE events; --" })).toEqual(['c_2']);
    expect(await members({ event: 'add%cart' })).toEqual(['c_3']);
    expect(await members({ event: 'add_to%' })).toEqual([]);
    expect(await members({ conversion: "purchase' OR '1'='1" })).toEqual([]);
    const [row] = await db.all<{ n: number }>('SELECT count(*) AS n FROM events');
    expect(row?.n).toBe(7);
  });

  it('min_count 0 includes customers with no rows at all', async () => {
    expect(await members({ event: 'add_to_cart', min_count: 0, max_count: 0, within_days: 30 })).toEqual(['c_3', 'c_5']);
    expect(await members({ conversion: 'purchase', min_count: 0 })).toEqual(['c_1', 'c_2', 'c_3', 'c_4', 'c_5']);
  });

  it('ignores conversions after as_of', async () => {
    expect(await members({ conversion: 'purchase' })).toEqual(['c_2']);
    expect(await members({ not: { conversion: 'purchase', within_days: 90 } })).toEqual(['c_1', 'c_3', 'c_4', 'c_5']);
  });

  it('combines all/any/not/consent like the SPEC example', async () => {
    // country in (US, CA) -> c_1, c_2; ltv>=500 or 2+ carts -> c_1; no purchase -> c_1; consent ads -> c_1.
    const rule = {
      all: [
        { attribute: 'country', op: 'in', value: ['US', 'CA'] },
        {
          any: [
            { attribute: 'ltv', op: '>=', value: 500 },
            { event: 'add_to_cart', min_count: 2, within_days: 30 },
          ],
        },
        { not: { conversion: 'purchase', within_days: 90 } },
        { consent: 'ads' },
      ],
    };
    expect(await members(rule)).toEqual(['c_1']);
    expect(await members({ consent: 'ads' })).toEqual(['c_1', 'c_4', 'c_5']);
    expect(await members({ all: [] })).toEqual(['c_1', 'c_2', 'c_3', 'c_4', 'c_5']);
    expect(await members({ any: [] })).toEqual([]);
  });

  it('omits members unless include_members is true', async () => {
    const spec = parseSegmentSpec({ kind: 'segment', as_of: '2026-06-30T00:00:00Z', rule: { consent: 'ads' } });
    expect(await runSegment(db, spec)).toEqual({ kind: 'segment', count: 3 });
  });
});

describe('overlap and preview', () => {
  it('builds the overlap matrix in one pass', async () => {
    const a = { consent: 'ads' as const }; // c_1, c_4, c_5
    const b = { attribute: 'ltv', op: '>=' as const, value: 500 }; // c_1, c_4
    const c = { attribute: 'country', op: '=' as const, value: 'CA' }; // c_2
    expect(await segmentOverlap(db, [a, b, c], '2026-06-30T00:00:00Z')).toEqual([
      [3, 2, 0],
      [2, 2, 0],
      [0, 0, 1],
    ]);
  });

  it('masks e-mail and phone unless the user has PII access', async () => {
    const rule = { attribute: 'country', op: '=' as const, value: 'US' };
    const masked = await segmentPreview(db, rule, { piiAccess: false });
    expect(masked).toHaveLength(1);
    expect(masked[0]).toMatchObject({ customer_id: 'c_1', email: 'a***@example.com', phone: '***01' });
    const raw = await segmentPreview(db, rule, { piiAccess: true });
    expect(raw[0]).toMatchObject({ email: 'ann@example.com', phone: '+15550101' });
  });
});
