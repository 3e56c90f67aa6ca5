import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromIpc } from './arrow';
import { createEngineService, type EngineService } from './engine-service';

// customers: c_1 US 600, c_2 CA 100, c_3 NULL country; the name column holds an injection attempt.
let service: EngineService;
let n = 0;
const call = (method: string, params: unknown) => service.handle({ id: ++n, method, params });

beforeAll(async () => {
  service = createEngineService();
  // Table set-up goes through the public protocol only where it has a method; here a page
  // request on a table that does not exist yet must fail cleanly first.
  expect(await call('page', { table: 'customers' })).toMatchObject({ ok: false, error: { code: 'invalid_request', path: 'table' } });
});
afterAll(() => service.close());

describe('engine service', () => {
  it('rejects malformed requests with a clear error and the request id', async () => {
    expect(await service.handle({ id: 7, method: 'drop_everything', params: {} })).toMatchObject({ id: 7, ok: false, error: { code: 'invalid_request' } });
    expect(await service.handle('nonsense')).toMatchObject({ id: null, ok: false });
  });

  it('runs segment calls and pages with checked columns and bound values', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { DuckDbEngine } = await import('./duckdb-engine');
    const dir = mkdtempSync(join(tmpdir(), 'meshwork-engine-'));
    const writer = await DuckDbEngine.open();
    await writer.run(`COPY (SELECT * FROM (VALUES ('c_1', 'ann@x.io', 'US', 600.0, true, 'x'), ('c_2', 'bob@x.io', 'CA', 100.0, false, '''; DROP TABLE customers; --'),
      ('c_3', 'cy@x.io', NULL, NULL, NULL, 'y')) t(customer_id, email, country, ltv, consent_ads, name)) TO '${join(dir, 'customers.parquet')}' (FORMAT parquet)`);
    writer.close();
    const loaded = await call('loadProducts', { dataDir: dir });
    rmSync(dir, { recursive: true, force: true });
    expect(loaded).toMatchObject({ ok: true, result: [{ id: 'customers', rows: 3, as: 'table' }] });

    expect(await call('segmentCount', { rule: { not: { attribute: 'country', op: '=', value: 'US' } } })).toMatchObject({ ok: true, result: { count: 2 } });
    expect(await call('segmentOverlap', { rules: [{ consent: 'ads' }, { attribute: 'ltv', op: '>', value: 50 }] })).toMatchObject({ ok: true, result: [[1, 1], [1, 2]] });
    const preview = await call('segmentPreview', { rule: { attribute: 'ltv', op: '>', value: 500 }, piiAccess: false });
    expect(preview).toMatchObject({ ok: true, result: [{ customer_id: 'c_1', email: 'a***@x.io' }] });

    const page = await call('page', { table: 'customers', sort: [{ column: 'ltv', desc: true }], filters: [{ column: 'name', op: '!=', value: "'; DROP TABLE customers; --" }], limit: 1 });
    expect(page.ok).toBe(true);
    const result = (page as { result: { total: number; arrow: Uint8Array } }).result;
    // name != injection string keeps c_1 and c_3; sorted by ltv desc (NULLs last) the first is c_1.
    expect(result.total).toBe(2);
    expect(fromIpc(result.arrow).get(0)?.toJSON()).toMatchObject({ customer_id: 'c_1', ltv: 600, email: 'a***@x.io' });
    const raw = (await call('page', { table: 'customers', sort: [{ column: 'customer_id', desc: false }], limit: 1, piiAccess: true })) as { result: { arrow: Uint8Array } };
    expect(fromIpc(raw.result.arrow).get(0)?.toJSON()).toMatchObject({ customer_id: 'c_1', email: 'ann@x.io' });
    expect(await call('page', { table: 'customers', sort: [{ column: 'ltv; DROP TABLE customers', desc: false }] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', path: 'sort[0].column' },
    });
    expect(await call('page', { table: 'customers' })).toMatchObject({ ok: true, result: { total: 3 } });
  });

  it('runs bound SQL for main-process runners, as rows, Arrow bytes or nothing', async () => {
    expect(await call('sql', { sql: 'SELECT $1 AS s, $2::INTEGER + 1 AS n', params: ["it's", 41] })).toEqual({ id: n, ok: true, result: [{ s: "it's", n: 42 }] });
    const arrow = (await call('sql', { sql: 'SELECT * FROM range(3) t(i)', format: 'arrow' })) as { result: Uint8Array };
    expect(fromIpc(arrow.result).numRows).toBe(3);
    expect(await call('sql', { sql: 'CREATE TABLE scratch AS SELECT 1 AS x', format: 'none' })).toMatchObject({ ok: true });
    expect(await call('sql', { sql: 'SELECT nope FROM scratch' })).toMatchObject({ ok: false, error: { code: 'engine_error' } });
  });

  it('sizes an experiment from the pre-period', async () => {
    await call('sql', { sql: `CREATE TABLE conversions AS SELECT * FROM (VALUES ('k1', 'c_1', TIMESTAMP '2026-06-10', 'purchase', 10.0)) t(conversion_id, customer_id, occurred_at, conversion_type, revenue)`, format: 'none' });
    // 1 of 3 customers converted in [06-02, 06-30): Y = [1, 0, 0], mean 1/3, sample variance
    // ((2/3)^2 + 2 (1/3)^2) / 2 = 1/3. One user per arm: MDE = d* sqrt(1/3 + 1/3), d* = 2.8015818 the
    // root of Phi(d - z(0.975)) + Phi(-d - z(0.975)) = 0.8 (shared/stats/power.ts).
    const r = await call('power', { type: 'proportion', conversion_type: 'purchase', window_days: 28, as_of: '2026-06-30', users_per_variant: 1 });
    expect(r).toMatchObject({ ok: true, result: { pre_period: { n: 3 }, users_per_variant: 1, required_users: null } });
    const result = (r as { result: { mde: number; pre_period: { mean: number; variance: number } } }).result;
    expect(result.pre_period.mean).toBeCloseTo(1 / 3, 12);
    expect(result.pre_period.variance).toBeCloseTo(1 / 3, 12);
    expect(result.mde).toBeCloseTo(2.801581787013579 * Math.sqrt(2 / 3), 9);
  });

  it('cancels a queued request before it runs, and the engine keeps serving', async () => {
    const long = service.handle({ id: 'long', method: 'runAnalysis', params: { spec: { kind: 'segment', rule: { all: [] } } } });
    const cancel = await service.handle({ id: 'c', method: 'cancel', params: { requestId: 'long' } });
    expect(cancel).toMatchObject({ ok: true, result: { cancelled: true } });
    expect(await long).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await call('segmentCount', { rule: { all: [] } })).toMatchObject({ ok: true, result: { count: 3 } });
  });
});
