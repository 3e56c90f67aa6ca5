import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from './duckdb-engine';
import { DataError, loadProducts } from './load-products';

let dir: string;
let db: DuckDbEngine;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'meshwork-load-'));
  db = await DuckDbEngine.open();
  // conversions: a flat file (stale, 1 row) and pulled parts (2 rows); the parts must win.
  await db.run(`COPY (SELECT 'old' AS conversion_id) TO '${join(dir, 'conversions.parquet')}' (FORMAT parquet)`);
  mkdirSync(join(dir, 'conversions'));
  // Written as TIMESTAMPTZ 12:00+02:00, i.e. 10:00 UTC.
  await db.run(
    `COPY (SELECT 'k1' AS conversion_id, 'b' AS conversion_type, TIMESTAMPTZ '2026-06-01 12:00:00+02:00' AS occurred_at) TO '${join(dir, 'conversions', 'part-1.parquet')}' (FORMAT parquet)`,
  );
  await db.run(
    `COPY (SELECT 'k2' AS conversion_id, 'a' AS conversion_type, TIMESTAMPTZ '2026-06-02 00:00:00+00:00' AS occurred_at) TO '${join(dir, 'conversions', 'part-0.parquet')}' (FORMAT parquet)`,
  );
  await db.run(
    `COPY (SELECT 'e1' AS event_id, CAST('2026-06-01 10:00:00.123456789' AS TIMESTAMP_NS) AS occurred_at) TO '${join(dir, 'events.parquet')}' (FORMAT parquet)`,
  );
  writeFileSync(join(dir, 'broken.parquet'), 'not parquet at all');
  writeFileSync(join(dir, 'Not A Product.parquet'), 'ignored: not a product id');
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('loadProducts', () => {
  it('prefers pulled parts, turns TIMESTAMPTZ into UTC TIMESTAMP and clusters by type', async () => {
    const loaded = await loadProducts(db, dir, { only: ['conversions'] });
    expect(loaded).toMatchObject([{ id: 'conversions', rows: 2, as: 'table' }]);
    expect(loaded[0]?.columns.find((c) => c.name === 'occurred_at')?.type).toBe('TIMESTAMP');
    expect(await db.all('SELECT conversion_id, occurred_at FROM conversions')).toEqual([
      { conversion_id: 'k2', occurred_at: '2026-06-02T00:00:00.000Z' },
      { conversion_id: 'k1', occurred_at: '2026-06-01T10:00:00.000Z' },
    ]);
  });

  it('stores nanosecond timestamps as microsecond TIMESTAMP', async () => {
    const [events] = await loadProducts(db, dir, { only: ['events'] });
    expect(events?.columns).toEqual([
      { name: 'event_id', type: 'VARCHAR' },
      { name: 'occurred_at', type: 'TIMESTAMP' },
    ]);
  });

  it('names the file expected for a missing product and rejects unreadable Parquet', async () => {
    await expect(loadProducts(db, dir, { only: [], require: ['touchpoints'] })).rejects.toThrow(
      `expected ${join(dir, 'touchpoints.parquet')} or ${join(dir, 'touchpoints', '*.parquet')}`,
    );
    await expect(loadProducts(db, dir, { only: ['broken'] })).rejects.toMatchObject({ code: 'unreadable_data' });
    // Lenient loading skips a broken product nobody asked for, but never a required one.
    expect((await loadProducts(db, dir, { lenient: true, as: 'view' })).map((p) => p.id).sort()).toEqual(['conversions', 'events']);
    await expect(loadProducts(db, dir, { lenient: true, require: ['broken'] })).rejects.toMatchObject({ code: 'unreadable_data' });
    await expect(loadProducts(db, join(dir, 'absent'))).rejects.toBeInstanceOf(DataError);
  });
});

describe('reloading', () => {
  it('replaces a table with a view and back, keeping one object per product', async () => {
    await loadProducts(db, dir, { only: ['events'], as: 'table' });
    await loadProducts(db, dir, { only: ['events'], as: 'view' });
    await loadProducts(db, dir, { only: ['events'], as: 'table' });
    expect(await db.all("SELECT table_type FROM information_schema.tables WHERE table_name = 'events'")).toEqual([{ table_type: 'BASE TABLE' }]);
  });
});
