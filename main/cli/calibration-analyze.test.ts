import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALIBRATION_SPEC, calibrationDb } from '../analysis/testing/calibration-test-data';
import { runAnalyze } from './analyze-command';

// The hand-built data of main/analysis/calibration-test-data.ts as Parquet extracts, read through
// `meshwork analyze` exactly as a user would: the factors known by construction come out.
let dir: string;
let noGeo: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'meshwork-calib-'));
  noGeo = mkdtempSync(join(tmpdir(), 'meshwork-calib-nogeo-'));
  const db = await calibrationDb();
  for (const table of ['touchpoints', 'conversions', 'geo_sales', 'experiment_assignments']) {
    await db.run(`COPY ${table} TO '${join(dir, `${table}.parquet`).replaceAll("'", "''")}' (FORMAT parquet)`);
    if (table !== 'geo_sales') await db.run(`COPY ${table} TO '${join(noGeo, `${table}.parquet`).replaceAll("'", "''")}' (FORMAT parquet)`);
  }
  db.close();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(noGeo, { recursive: true, force: true });
});

async function cli(spec: unknown, data = dir): Promise<{ code: number; out: Record<string, unknown>; error: Record<string, unknown> }> {
  const file = join(dir, `spec-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(spec));
  let stdout = '';
  let stderr = '';
  const code = await runAnalyze(['--data', data, '--spec', file], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return {
    code,
    out: stdout ? (JSON.parse(stdout) as Record<string, unknown>) : {},
    error: stderr ? (JSON.parse(stderr) as { error: Record<string, unknown> }).error : {},
  };
}

interface TestRow {
  channel: string;
  incremental: number;
  models: { model: string; credited: number; factor: number | null }[];
}

describe('meshwork analyze: calibrated_attribution', () => {
  it('prints the factors known by construction', async () => {
    const { code, out } = await cli(CALIBRATION_SPEC);
    expect(code).toBe(0);
    expect(out).toMatchObject({ kind: 'calibrated_attribution', conversion_type: 'purchase', conversions: 7, data_end: '2026-06-08', stale_after_days: 90 });
    const [geo, hold] = out.tests as [TestRow, TestRow];
    expect(geo.models.map((m) => m.credited)).toEqual([1, 2, 1.5]);
    expect(geo.models[1]!.factor).toBeCloseTo(1.6, 9);
    expect(hold.incremental).toBeCloseTo(2.75, 9);
    expect(hold.models[0]!.factor).toBeCloseTo(1.375, 9);
  });

  it('exits 3 when a geo test has no geo_sales to read', async () => {
    const { code, error } = await cli(CALIBRATION_SPEC, noGeo);
    expect(code).toBe(3);
    expect(error.code).toBe('missing_data');
  });

  it('exits 2 for a bad spec and for an experiment the data does not hold, with the path', async () => {
    const bad = await cli({ ...CALIBRATION_SPEC, stale_after_days: -1 });
    expect([bad.code, bad.error.path]).toEqual([2, 'stale_after_days']);
    const tests = [{ ...CALIBRATION_SPEC.tests[1], spec: { ...CALIBRATION_SPEC.tests[1]!.spec, experiment_id: 'nope' } }];
    const unknown = await cli({ ...CALIBRATION_SPEC, tests });
    expect([unknown.code, unknown.error.code, unknown.error.path]).toEqual([2, 'unknown_experiment', 'tests[0].spec.experiment_id']);
  });
});
