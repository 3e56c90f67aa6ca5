import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GEO_TESTS, geoSalesExtractSql } from '../../fixtures/generator/geo-sql';
import { DEFAULT_SEED } from '../../fixtures/generator/generate';
import { macroSql } from '../../fixtures/generator/sql-macros';
import { DuckDbEngine } from '../engine/duckdb-engine';
import { runAnalyze } from './analyze-command';

// The demo's geo_sales (seed 42), written the way the generator writes it: the two planted geo
// tests must read as planted through `meshwork analyze`.
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'meshwork-geo-'));
  const db = await DuckDbEngine.open();
  for (const sql of macroSql(DEFAULT_SEED)) await db.run(sql);
  await db.run(`COPY (${geoSalesExtractSql()}) TO '${join(dir, 'geo_sales.parquet').replaceAll("'", "''")}' (FORMAT parquet)`);
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(spec: unknown, data = dir): Promise<{ code: number; out: Record<string, unknown>; stderr: string }> {
  const file = join(dir, `spec-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(spec));
  let stdout = '';
  let stderr = '';
  const code = await runAnalyze(['--data', data, '--spec', file], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, out: stdout ? (JSON.parse(stdout) as Record<string, unknown>) : {}, stderr };
}

const [paidSocial, ctv] = GEO_TESTS as [(typeof GEO_TESTS)[number], (typeof GEO_TESTS)[number]];
const specOf = (t: typeof paidSocial, method: string) => ({
  kind: 'geo_experiment',
  metric: 'revenue',
  method,
  treatment_geos: t.treatmentGeos,
  control_geos: null,
  pre_period: t.prePeriod,
  test_period: t.testPeriod,
  alpha: 0.1,
  spend_metric: 'spend',
});

describe('meshwork analyze: the demo geo tests', () => {
  for (const method of ['tbr', 'synthetic_control']) {
    it(`${method}: finds the planted +8% lift (interval excludes 0) with iROAS near 3.2`, async () => {
      const { code, out } = await cli(specOf(paidSocial, method));
      expect(code).toBe(0);
      const ci = out.effect_ci as [number, number];
      expect(ci[0]).toBeGreaterThan(0);
      expect(out.rel_lift).toBeGreaterThan(0.06);
      expect(out.rel_lift).toBeLessThan(0.1);
      expect(out.iroas).toBeGreaterThan(2.5);
      expect(out.iroas).toBeLessThan(4);
      expect((out.pre_fit as { r2: number }).r2).toBeGreaterThan(0.9);
      expect((out.daily as unknown[]).length).toBe(28);
      if (method === 'synthetic_control') expect(out.p_value).toBeLessThan(0.1);
    });

    it(`${method}: the CTV test's interval includes 0`, async () => {
      const { code, out } = await cli(specOf(ctv, method));
      expect(code).toBe(0);
      const ci = out.effect_ci as [number, number];
      expect(ci[0]).toBeLessThan(0);
      expect(ci[1]).toBeGreaterThan(0);
      if (method === 'synthetic_control') expect(out.p_value).toBeGreaterThan(0.1);
    });
  }

  it('exits 2 naming unknown geos, and 3 when geo_sales is missing or a period has no data', async () => {
    const unknown = await cli({ ...specOf(ctv, 'tbr'), treatment_geos: ['US-TN', 'US-XX'] });
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stderr).error).toMatchObject({ code: 'unknown_geo', path: 'treatment_geos[1]' });
    expect(JSON.parse(unknown.stderr).error.message).toContain('US-XX');
    const missing = await cli(specOf(ctv, 'tbr'), join(dir, 'nowhere'));
    expect(missing.code).toBe(3);
    expect(JSON.parse(missing.stderr).error.code).toBe('missing_data');
    const outside = await cli({ ...specOf(ctv, 'tbr'), test_period: ['2026-10-20', '2026-11-05'] });
    expect(outside.code).toBe(3);
    expect(JSON.parse(outside.stderr).error.message).toContain('2026-10-31');
  });
});

describe('meshwork analyze: the geo test planner', () => {
  const plan = { kind: 'geo_plan', metric: 'revenue', history: ['2026-05-01', '2026-08-31'], duration_days: 28, expected_lift: 0.08 };

  it('backtests the paid social design: 12 windows, an MDE well under the planted 8%, which it detects every time', async () => {
    const { code, out } = await cli({ ...plan, treatment_geos: paidSocial.treatmentGeos });
    expect(code).toBe(0);
    expect(out).toMatchObject({ kind: 'geo_plan', proposed: false, pre_days: 84, windows: 123 - 84 - 28 + 1, detection_probability: 1 });
    expect(out.mde).toBeGreaterThan(0.005);
    expect(out.mde).toBeLessThan(0.04);
    expect((out.backtest as { test_start: string }[])[0]?.test_start).toBe('2026-07-24');
  });

  it('proposes a treatment group when asked, and refuses specs it cannot plan', async () => {
    const { code, out } = await cli({ ...plan, treatment_geos: null, treatment_count: 3 });
    expect(code).toBe(0);
    expect(out.proposed).toBe(true);
    expect((out.treatment_geos as string[]).length).toBe(3);
    expect((out.proposal_steps as unknown[]).length).toBe(3);
    const noCount = await cli({ ...plan, treatment_geos: null });
    expect(noCount.code).toBe(2);
    expect(JSON.parse(noCount.stderr).error.path).toBe('treatment_count');
    const tooLong = await cli({ ...plan, treatment_geos: ['US-OR'], duration_days: 60 });
    expect(tooLong.code).toBe(2);
    expect(JSON.parse(tooLong.stderr).error.path).toBe('duration_days');
  });
});
