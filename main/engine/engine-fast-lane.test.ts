import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from './duckdb-engine';
import { createEngineService, type EngineService } from './engine-service';

let dir: string;
let service: EngineService;
let n = 0;
const call = (method: string, params: unknown) => service.handle({ id: ++n, method, params });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'meshwork-lane-'));
  const writer = await DuckDbEngine.open();
  // Big enough that loading it (two clustered passes, then a count) takes a while on any machine.
  await writer.run(`COPY (SELECT 'c_' || (i % 100000) AS customer_id, CASE WHEN i % 2 = 0 THEN 'view' ELSE 'add_to_cart' END AS event_name,
      TIMESTAMP '2026-01-01' + to_seconds(i % 9000000) AS occurred_at, i::VARCHAR AS payload FROM range(3000000) t(i))
    TO '${join(dir, 'events.parquet')}' (FORMAT parquet)`);
  await writer.run(`COPY (SELECT 'p' || i AS conversion_id, 'c_' || i AS customer_id, TIMESTAMP '2026-01-01' AS occurred_at,
      CASE WHEN i < 3 THEN 'purchase' ELSE 'signup' END AS conversion_type, 1.0 AS revenue FROM range(5) t(i))
    TO '${join(dir, 'conversions.parquet')}' (FORMAT parquet)`);
  await writer.run(`COPY (SELECT 'c_' || i AS customer_id FROM range(5) t(i)) TO '${join(dir, 'customers.parquet')}' (FORMAT parquet)`);
  writer.close();
  service = createEngineService({ initialPath: join(dir, 'workspace.duckdb') });
  expect(await call('loadProducts', { dataDir: dir, only: ['conversions', 'customers'] })).toMatchObject({ ok: true });
});

afterAll(() => {
  service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the engine fast lane', () => {
  it('answers a pick list while a long load holds the main connection', async () => {
    const finished: string[] = [];
    const long = call('loadProducts', { dataDir: dir, only: ['events'] }).then((r) => {
      finished.push('load');
      return r;
    });
    // A queued request on the main connection waits for the load ...
    const queued = call('segments.count', { rule: { conversion: 'purchase', min_count: 1 } }).then((r) => {
      finished.push('queued');
      return r;
    });
    // ... a pick list does not.
    const started = performance.now();
    const fast = await call('pickers.conversionTypes', {});
    finished.push('fast');
    const fastMs = performance.now() - started;
    expect(fast).toEqual({
      id: expect.any(Number),
      ok: true,
      result: [
        { type: 'purchase', count: 3 },
        { type: 'signup', count: 2 },
      ],
    });
    expect(await long).toMatchObject({ ok: true, result: [{ id: 'events', rows: 3_000_000 }] });
    expect(await queued).toMatchObject({ ok: true, result: { count: 3 } });
    expect(finished).toEqual(['fast', 'load', 'queued']);
    expect(fastMs).toBeLessThan(5000);
  });

  it('keeps answering after the workspace is reopened and its configuration locked', async () => {
    expect(await call('openWorkspace', { path: join(dir, 'workspace.duckdb') })).toMatchObject({ ok: true });
    // As the app does at startup: the lane must already exist, a new connection could not set its time zone now.
    expect(await call('restrictFiles', { directories: [dir], tempDirectory: join(dir, 'engine-tmp') })).toMatchObject({ ok: true });
    expect(await call('pickers.eventNames', {})).toMatchObject({ ok: true, result: ['add_to_cart', 'view'] });
    expect(await call('describeParquet', { files: [join(dir, 'conversions.parquet')] })).toMatchObject({ ok: true, result: { rows: 5 } });
  });
});
