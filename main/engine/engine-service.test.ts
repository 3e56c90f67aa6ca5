import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromIpc } from './arrow';
import { createEngineService, type EngineService } from './engine-service';

// customers: c_1 US 600, c_2 CA 100, c_3 NULL country; the name column holds an injection attempt.
let service: EngineService;
let n = 0;
const call = (method: string, params: unknown) => service.handle({ id: ++n, method, params });

beforeAll(async () => {
  service = createEngineService();
  // Params are checked against the method's schema before anything runs.
  expect(await call('segments.preview', { rule: {} })).toMatchObject({ ok: false, error: { code: 'invalid_request', path: 'params.piiAccess' } });
});
afterAll(() => service.close());

describe('engine service', () => {
  it('rejects malformed requests with a clear error and the request id', async () => {
    expect(await service.handle({ id: 7, method: 'drop_everything', params: {} })).toMatchObject({ id: 7, ok: false, error: { code: 'invalid_request' } });
    expect(await service.handle('nonsense')).toMatchObject({ id: null, ok: false });
    // The generic SQL method is gone: no SQL string crosses the process boundary.
    expect(await call('sql', { sql: 'SELECT 1' })).toMatchObject({ ok: false, error: { code: 'invalid_request', path: 'method' } });
    expect(await call('experiments.list', { withRegistry: true, sql: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('runs segment and dashboard operations with bound values', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { DuckDbEngine } = await import('./duckdb-engine');
    const dir = mkdtempSync(join(tmpdir(), 'meshwork-engine-'));
    const writer = await DuckDbEngine.open();
    await writer.run(`COPY (SELECT * FROM (VALUES ('c_1', 'ann@x.io', 'US', 600.0, true, 'x'), ('c_2', 'bob@x.io', 'CA', 100.0, false, '''; DROP TABLE customers; --'),
      ('c_3', 'cy@x.io', NULL, NULL, NULL, 'y')) t(customer_id, email, country, ltv, consent_ads, name)) TO '${join(dir, 'customers.parquet')}' (FORMAT parquet)`);
    await writer.run(`COPY (SELECT * FROM (VALUES (DATE '2026-06-01', 'google', 'search', 'k1', 'K1', 's1', 'a1', 100.0, 1000, 10, 1.0, 50.0),
      (DATE '2026-06-01', 'meta', 'social', 'k2', 'K''2', 's2', 'a2', 300.0, 100000, 1000, 10.0, 900.0))
      t("date", platform, channel, campaign_id, campaign_name, ad_set_id, ad_id, spend, impressions, clicks, conversions, revenue)) TO '${join(dir, 'campaign_performance.parquet')}' (FORMAT parquet)`);
    writer.close();
    const loaded = await call('loadProducts', { dataDir: dir });
    rmSync(dir, { recursive: true, force: true });
    expect(loaded).toMatchObject({
      ok: true,
      result: [
        { id: 'campaign_performance', rows: 2, as: 'table' },
        { id: 'customers', rows: 3, as: 'table' },
      ],
    });

    expect(await call('segments.count', { rule: { not: { attribute: 'country', op: '=', value: 'US' } } })).toMatchObject({ ok: true, result: { count: 2 } });
    expect(await call('segments.count', { rule: { attribute: 'name', op: '=', value: "'; DROP TABLE customers; --" } })).toMatchObject({
      ok: true,
      result: { count: 1 },
    });
    expect(await call('segments.overlap', { rules: [{ consent: 'ads' }, { attribute: 'ltv', op: '>', value: 50 }] })).toMatchObject({
      ok: true,
      result: [
        [1, 1],
        [1, 2],
      ],
    });
    const preview = await call('segments.preview', { rule: { attribute: 'ltv', op: '>', value: 500 }, piiAccess: false });
    expect(preview).toMatchObject({ ok: true, result: [{ customer_id: 'c_1', email: 'a***@x.io' }] });
    expect(await call('segments.count', { rule: { attribute: 'nope', op: '=', value: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'unknown_column', path: 'rule.attribute' },
    });

    const filter = { from: '2026-06-01', to: '2026-06-01', channels: [], platforms: [], campaigns: [] };
    const query = { filter, level: 'campaign', parent: {}, search: '' };
    const page = await call('campaigns.gridPage', { query, sort: [{ colId: 'spend', sort: 'asc' }], startRow: 0, endRow: 1 });
    expect(page.ok).toBe(true);
    const result = (page as { result: { total: number; arrow: Uint8Array } }).result;
    expect(result.total).toBe(2);
    expect(fromIpc(result.arrow).get(0)?.toJSON()).toMatchObject({ campaign_id: 'k1', spend: 100 });
    expect(await call('campaigns.kpis', { filter: { ...filter, channels: ["x' OR 1=1 --", 'social'] } })).toMatchObject({
      ok: true,
      result: { current: { spend: 300, roas: 3 }, previousFrom: '2026-05-31' },
    });
    const csv = (await call('campaigns.exportCsv', { query })) as { result: { csv: string; rows: number } };
    expect(csv.result.rows).toBe(2);
    expect(csv.result.csv.split('\r\n')[1]).toMatch(/^k2,K'2,meta,social,300,/);
  });

  it('sizes an experiment from the pre-period', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { DuckDbEngine } = await import('./duckdb-engine');
    const dir = mkdtempSync(join(tmpdir(), 'meshwork-engine-'));
    const writer = await DuckDbEngine.open();
    await writer.run(
      `COPY (SELECT * FROM (VALUES ('k1', 'c_1', TIMESTAMP '2026-06-10', 'purchase', 10.0)) t(conversion_id, customer_id, occurred_at, conversion_type, revenue)) TO '${join(dir, 'conversions.parquet')}' (FORMAT parquet)`,
    );
    writer.close();
    await call('loadProducts', { dataDir: dir });
    rmSync(dir, { recursive: true, force: true });
    expect(await call('pickers.conversionTypes', {})).toMatchObject({ ok: true, result: [{ type: 'purchase', count: 1 }] });
    // 1 of 3 customers converted in [06-02, 06-30): Y = [1, 0, 0], mean 1/3, sample variance
    // ((2/3)^2 + 2 (1/3)^2) / 2 = 1/3. One user per arm: MDE = d* sqrt(1/3 + 1/3), d* = 2.8015818 the
    // root of Phi(d - z(0.975)) + Phi(-d - z(0.975)) = 0.8 (shared/stats/power.ts).
    const r = await call('experiments.power', { type: 'proportion', conversion_type: 'purchase', window_days: 28, as_of: '2026-06-30', users_per_variant: 1 });
    expect(r).toMatchObject({ ok: true, result: { pre_period: { n: 3 }, users_per_variant: 1, required_users: null } });
    const result = (r as { result: { mde: number; pre_period: { mean: number; variance: number } } }).result;
    expect(result.pre_period.mean).toBeCloseTo(1 / 3, 12);
    expect(result.pre_period.variance).toBeCloseTo(1 / 3, 12);
    expect(result.mde).toBeCloseTo(2.801581787013579 * Math.sqrt(2 / 3), 9);
  });

  it('cancels a queued request before it runs, and the engine keeps serving', async () => {
    const long = service.handle({ id: 'long', method: 'analysis.run', params: { spec: { kind: 'segment', rule: { all: [] } } } });
    const cancel = await service.handle({ id: 'c', method: 'cancel', params: { requestId: 'long' } });
    expect(cancel).toMatchObject({ ok: true, result: { cancelled: true } });
    expect(await long).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await call('segments.count', { rule: { all: [] } })).toMatchObject({ ok: true, result: { count: 3 } });
  });
});
