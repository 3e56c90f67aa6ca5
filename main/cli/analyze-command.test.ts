import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../engine/duckdb-engine';
import { runAnalyze } from './analyze-command';

// A data folder in both layouts: customers flat, events as two parts under events/.
// customers: c_1 US (consent_ads), c_2 CA, c_3 US. events: c_1 has 2 'view' rows (one per part), c_3 one.
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'meshwork-analyze-'));
  mkdirSync(join(dir, 'events'));
  const db = await DuckDbEngine.open();
  const q = (p: string): string => p.replaceAll("'", "''");
  await db.run(`COPY (SELECT * FROM (VALUES ('c_1', 'a@x.io', NULL, 'US', 10.0, TIMESTAMP '2026-01-01', 'lead', true, true, true, TIMESTAMP '2026-01-01'),
    ('c_2', 'b@x.io', NULL, 'CA', 20.0, TIMESTAMP '2026-01-01', 'lead', true, false, true, TIMESTAMP '2026-01-01'),
    ('c_3', 'c@x.io', NULL, 'US', 30.0, TIMESTAMP '2026-01-01', 'lead', true, false, true, TIMESTAMP '2026-01-01'))
    t(customer_id, email, phone, country, ltv, signup_at, lifecycle_stage, consent_email, consent_ads, consent_analytics, consent_updated_at))
    TO '${q(join(dir, 'customers.parquet'))}' (FORMAT parquet)`);
  await db.run(`COPY (SELECT 'e1' AS event_id, 'c_1' AS customer_id, TIMESTAMP '2026-06-01' AS occurred_at, 'view' AS event_name
    UNION ALL SELECT 'e2', 'c_3', TIMESTAMP '2026-06-02', 'view') TO '${q(join(dir, 'events', 'part-0.parquet'))}' (FORMAT parquet)`);
  await db.run(`COPY (SELECT 'e3' AS event_id, 'c_1' AS customer_id, TIMESTAMP '2026-06-03' AS occurred_at, 'view' AS event_name)
    TO '${q(join(dir, 'events', 'part-1.parquet'))}' (FORMAT parquet)`);
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(spec: unknown, data = dir): Promise<{ code: number; stdout: string; stderr: string }> {
  const specFile = join(dir, `spec-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(specFile, typeof spec === 'string' ? spec : JSON.stringify(spec));
  let stdout = '';
  let stderr = '';
  const code = await runAnalyze(['--data', data, '--spec', specFile], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('meshwork analyze', () => {
  it('prints the segment result as JSON, reading flat and part layouts alike', async () => {
    const r = await cli({
      kind: 'segment',
      as_of: '2026-06-30T00:00:00Z',
      include_members: true,
      rule: {
        all: [
          { attribute: 'country', op: '=', value: 'US' },
          { event: 'view', min_count: 2 },
        ],
      },
    });
    expect(r).toEqual({ code: 0, stdout: '{"kind":"segment","count":1,"members":["c_1"]}\n', stderr: '' });
  });

  it('exits 2 with the JSON path of a bad value and nothing on stdout', async () => {
    const r = await cli({ kind: 'segment', rule: { all: [{ event: 'view', min_count: -1 }] } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toEqual({ error: { code: 'invalid_spec', message: 'rule.all[0].min_count must be >= 0', path: 'rule.all[0].min_count' } });
  });

  it('exits 2 for an unknown kind, invalid JSON and an unknown column', async () => {
    expect(JSON.parse((await cli({ kind: 'cohort' })).stderr).error.code).toBe('unknown_kind');
    expect((await cli('{not json')).code).toBe(2);
    const r = await cli({ kind: 'segment', rule: { attribute: 'shoe_size', op: '>', value: 40 } });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr).error).toMatchObject({ code: 'unknown_column', path: 'rule.attribute' });
  });

  it('exits 3 naming the file expected when a product is missing', async () => {
    const r = await cli({ kind: 'experiment', experiment_id: 'x', control: 'c', metrics: [{ name: 'm', type: 'mean', conversion_type: 'purchase' }] });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    const error = JSON.parse(r.stderr).error;
    expect(error.code).toBe('missing_data');
    expect(error.message).toContain(join(dir, 'experiment_assignments.parquet'));
    expect((await cli({ kind: 'segment', rule: { all: [] } }, join(dir, 'nowhere'))).code).toBe(3);
  });

  it('prints help', async () => {
    let out = '';
    expect(await runAnalyze(['--help'], { stdout: (t) => (out += t), stderr: () => undefined })).toBe(0);
    expect(out).toContain('--data <dir>');
  });
});

describe('meshwork analyze --metrics', () => {
  it('prints governed metrics from campaign_performance, ratios of sums', async () => {
    const db = await DuckDbEngine.open();
    // search: spend 10 + 30 = 40 over clicks 5 + 15 = 20 -> CPC 2 (a mean of row CPCs would also be 2 here,
    // but CTR = 20 / (100 + 900) = 0.02, where the mean of row CTRs is (0.05 + 0.0167) / 2 = 0.0333).
    await db.run(`COPY (SELECT * FROM (VALUES (DATE '2026-06-01', 'search', 10.0, 100, 5), (DATE '2026-06-02', 'search', 30.0, 900, 15), (DATE '2026-06-02', 'social', 5.0, 50, 0))
      t("date", channel, spend, impressions, clicks)) TO '${join(dir, 'campaign_performance.parquet').replaceAll("'", "''")}' (FORMAT parquet)`);
    db.close();
    let out = '';
    const code = await runAnalyze(['--data', dir, '--metrics', 'spend,ctr,cpc', '--by', 'channel'], { stdout: (t) => (out += t), stderr: () => undefined });
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      rows: [
        { channel: 'search', spend: 40, ctr: 0.02, cpc: 2 },
        { channel: 'social', spend: 5, ctr: 0, cpc: null },
      ],
    });
    let err = '';
    expect(await runAnalyze(['--data', dir, '--metrics', 'spend,profit'], { stdout: () => undefined, stderr: (t) => (err += t) })).toBe(2);
    expect(JSON.parse(err).error.message).toMatch(/^--metrics: metrics\[1\] must be one of "spend"/);
  });
});
