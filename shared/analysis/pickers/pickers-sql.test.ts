import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../main/engine/duckdb-engine';
import { conversionTypes, customerColumns, eventNames, latestActivity } from './pickers-sql';

let db: DuckDbEngine;
beforeAll(async () => {
  db = await DuckDbEngine.open();
  await db.run(`CREATE TABLE customers AS SELECT 'c' || i AS customer_id, 'u' || i || '@x.com' AS email, CASE WHEN i % 2 = 0 THEN 'US' WHEN i = 1 THEN NULL ELSE 'DE' END AS country,
    'city_' || i AS "odd ""city""", i * 1.5 AS ltv FROM range(60) t(i)`);
  await db.run(
    `CREATE TABLE conversions AS SELECT * FROM (VALUES ('purchase', TIMESTAMP '2026-06-29 13:00:00'), ('signup', TIMESTAMP '2026-06-01'), ('purchase', TIMESTAMP '2026-06-02'), (NULL, TIMESTAMP '2026-06-03')) t(conversion_type, occurred_at)`,
  );
  await db.run(`CREATE TABLE events AS SELECT * FROM (VALUES ('view'), ('add_to_cart'), ('view'), (NULL)) t(event_name)`);
});
afterAll(() => db.close());

describe('builder pick lists', () => {
  it('lists conversion types by frequency and event names sorted, without NULL', async () => {
    expect(await conversionTypes(db)).toEqual([
      { type: 'purchase', count: 2 },
      { type: 'signup', count: 1 },
    ]);
    expect(await eventNames(db)).toEqual(['add_to_cart', 'view']);
  });

  it('offers values only for text attributes with at most 50 values, never for ids or PII', async () => {
    const cols = await customerColumns(db);
    expect(cols.map((c) => [c.name, c.kind, c.values])).toEqual([
      ['customer_id', 'string', null],
      ['email', 'string', null],
      ['country', 'string', ['DE', 'US']],
      ['odd "city"', 'string', null],
      ['ltv', 'number', null],
    ]);
  });

  it('gives the start of the day after the latest activity', async () => {
    expect(await latestActivity(db, 'conversions')).toBe('2026-06-30T00:00:00Z');
  });
});
