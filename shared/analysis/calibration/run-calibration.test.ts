import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDbEngine } from '../../../main/engine/duckdb-engine';
import { CALIBRATION_SPEC, calibrationDb } from '../../../main/analysis/testing/calibration-test-data';
import { parseCalibrationSpec } from '../../specs/calibration-spec';
import { attributionSpecSchema } from '../../specs/attribution-spec';
import { runAttribution } from '../attribution/run-attribution';
import { runCalibration, type CalibrationResult } from './run-calibration';

// The data and every expected figure are derived in main/analysis/calibration-test-data.ts.
let db: DuckDbEngine;
let out: CalibrationResult;
beforeAll(async () => {
  db = await calibrationDb();
  out = await runCalibration(db, parseCalibrationSpec(CALIBRATION_SPEC));
});
afterAll(() => db.close());

const LO = -3.184514954;
const HI = 9.584514954;

describe('calibrated attribution on hand-built data', () => {
  it('credits the geo-tested channel over the test period only and divides the measured effect by it', () => {
    const geo = out.tests[0]!;
    expect(geo).toMatchObject({
      channel: 'paid_social',
      source: 'geo_experiment',
      units: 'orders',
      experiment_id: null,
      variant: null,
      period: ['2026-06-06', '2026-06-07'],
      period_conversions: 4,
    });
    expect(geo.incremental).toBeCloseTo(3.2, 9);
    expect(geo.incremental_ci![0]).toBeCloseTo(LO, 8);
    expect(geo.incremental_ci![1]).toBeCloseTo(HI, 8);
    expect(geo.models.map((m) => m.credited)).toEqual([1, 2, 1.5]);
    const [last, first, linear] = geo.models;
    expect(last!.factor).toBeCloseTo(3.2, 9);
    expect(first!.factor).toBeCloseTo(1.6, 9);
    expect(linear!.factor).toBeCloseTo(3.2 / 1.5, 9);
    expect(first!.factor_ci![0]).toBeCloseTo(LO / 2, 8);
    expect(first!.factor_ci![1]).toBeCloseTo(HI / 2, 8);
    expect(linear!.factor_ci![1]).toBeCloseTo(HI / 1.5, 8);
  });

  it('reads a holdout as diff x treated users over the window the experiment reads', () => {
    const hold = out.tests[1]!;
    expect(hold).toMatchObject({
      channel: 'email',
      source: 'holdout',
      units: 'converting_users',
      geo_effect: null,
      experiment_id: 'hold1',
      variant: 'treated',
      period: ['2026-06-01', '2026-06-07'],
      period_conversions: 6,
    });
    // diff 0.8 - 0.25 = 0.55 with Welch's 95% interval 0.55 -/+ t(0.975, 6.29) x sqrt(0.1875/4 + 0.16/5)
    // = [-0.1294975306, 1.2294975306] (scipy), times 5 treated users.
    expect(hold.incremental).toBeCloseTo(2.75, 12);
    expect(hold.incremental_ci![0]).toBeCloseTo(-0.1294975306 * 5, 8);
    expect(hold.incremental_ci![1]).toBeCloseTo(1.2294975306 * 5, 8);
    expect(hold.models.map((m) => m.credited)).toEqual([2, 1, 1.5]);
    const factors = hold.models.map((m) => m.factor!);
    [1.375, 2.75, 2.75 / 1.5].forEach((f, i) => expect(factors[i]).toBeCloseTo(f, 12));
    expect(hold.models[0]!.factor_ci![0]).toBeCloseTo((-0.1294975306 * 5) / 2, 8);
    expect(hold.models[1]!.factor_ci![1]).toBeCloseTo(1.2294975306 * 5, 8);
  });

  it('ages tests against the latest conversion of the type', () => {
    // data_end is 06-08 (k5), not the signup of December.
    expect(out.data_end).toBe('2026-06-08');
    expect(out.stale_after_days).toBe(90);
    expect(out.tests.map((t) => [t.age_days, t.stale])).toEqual([
      [1, false],
      [1, false],
    ]);
  });

  it('scales tested channels over the whole range and leaves the rest as modelled, flagged', () => {
    expect(out.conversions).toBe(7);
    const byModel = out.models.map((m) => Object.fromEntries(m.channels.map((c) => [c.channel, [c.conversions, c.adjusted_conversions, c.status]])));
    expect(byModel[0]).toEqual({
      email: [2, expect.closeTo(2.75, 9), 'adjusted'],
      paid_social: [3, expect.closeTo(9.6, 9), 'adjusted'],
      '(unattributed)': [2, 2, 'untested'],
    });
    expect(byModel[1]).toEqual({
      email: [1, expect.closeTo(2.75, 9), 'adjusted'],
      paid_social: [4, expect.closeTo(6.4, 9), 'adjusted'],
      '(unattributed)': [2, 2, 'untested'],
    });
    expect(byModel[2]).toEqual({
      email: [1.5, expect.closeTo(2.75, 9), 'adjusted'],
      paid_social: [3.5, expect.closeTo((3.5 * 3.2) / 1.5, 9), 'adjusted'],
      '(unattributed)': [2, 2, 'untested'],
    });
    expect(out.models[0]!.adjusted_conversions).toBeCloseTo(2.75 + 9.6 + 2, 9);
    const revenue = out.models[0]!.channels.find((c) => c.channel === 'email')!;
    // last touch credits email c1 (10) and c3 (30); x 1.375.
    expect(revenue.revenue).toBe(40);
    expect(revenue.adjusted_revenue).toBeCloseTo(55, 9);
  });

  it('leaves no shadow and no period cache behind: a plain attribution afterwards sees every conversion', async () => {
    // On a fresh connection: the full range's journeys cache is all that may stay.
    const fresh = await calibrationDb();
    try {
      const temp = async () =>
        (await fresh.all<{ name: string }>('SELECT table_name AS name FROM duckdb_tables() WHERE temporary ORDER BY 1')).map((r) => r.name);
      await runAttribution(fresh, attributionSpecSchema.parse(CALIBRATION_SPEC.attribution));
      const before = await temp();
      await runCalibration(fresh, parseCalibrationSpec(CALIBRATION_SPEC));
      expect(await temp()).toEqual(before);
    } finally {
      fresh.close();
    }
    const plain = await runAttribution(db, attributionSpecSchema.parse(CALIBRATION_SPEC.attribution));
    expect(plain.conversions).toBe(7);
    const again = await runCalibration(db, parseCalibrationSpec(CALIBRATION_SPEC));
    expect(again).toEqual(out);
  });

  it('reads the same when conversions is a view over the files, as the app loads large extracts', async () => {
    const viewDb = await calibrationDb();
    try {
      await viewDb.run('ALTER TABLE conversions RENAME TO conversions_file');
      await viewDb.run('CREATE VIEW conversions AS SELECT * FROM conversions_file');
      expect(await runCalibration(viewDb, parseCalibrationSpec(CALIBRATION_SPEC))).toEqual(out);
      expect((await viewDb.all<{ n: number }>('SELECT count(*) AS n FROM conversions'))[0]!.n).toBe(8);
    } finally {
      viewDb.close();
    }
  });

  it('gives no factor where the model credits the tested channel nothing, and keeps its credit', async () => {
    const spec = parseCalibrationSpec({ ...CALIBRATION_SPEC, tests: [{ ...CALIBRATION_SPEC.tests[0], channel: 'video' }], stale_after_days: 1 });
    const r = await runCalibration(db, spec);
    expect(r.tests[0]!.models.map((m) => [m.credited, m.factor, m.factor_ci])).toEqual([
      [0, null, null],
      [0, null, null],
      [0, null, null],
    ]);
    // video is on no path: nothing to adjust; paid_social is now untested.
    expect(r.models[0]!.channels.map((c) => c.status)).toEqual(['untested', 'untested', 'untested']);
    expect(r.tests[0]!.stale).toBe(false);
  });

  it('with units share_of_conversions, applies the effect as a share of the treated orders to the conversions of the period', async () => {
    const spec = parseCalibrationSpec({ ...CALIBRATION_SPEC, tests: [{ ...CALIBRATION_SPEC.tests[0], units: 'share_of_conversions' }] });
    const geo = (await runCalibration(db, spec)).tests[0]!;
    // actual treated orders over the test 7 + 9 = 16: share 3.2 / 16 = 0.2 of the 4 conversions = 0.8.
    expect(geo.units).toBe('share_of_conversions');
    expect(geo.geo_effect).toBeCloseTo(3.2, 9);
    expect(geo.incremental).toBeCloseTo(0.8, 9);
    expect(geo.incremental_ci![0]).toBeCloseTo((LO / 16) * 4, 8);
    expect(geo.models.map((m) => m.factor!)).toEqual([expect.closeTo(0.8, 9), expect.closeTo(0.4, 9), expect.closeTo(0.8 / 1.5, 9)]);
  });

  it('refuses a treated variant the experiment does not have, at its path', async () => {
    const spec = parseCalibrationSpec({ ...CALIBRATION_SPEC, tests: [{ ...CALIBRATION_SPEC.tests[1], variant: 'nope' }] });
    await expect(runCalibration(db, spec)).rejects.toMatchObject({
      code: 'invalid_spec',
      path: 'tests[0].variant',
      message: expect.stringMatching(/it has: treated/),
    });
  });

  it('says which product to pull when a user-level test has no assignments to read', async () => {
    const bare = await calibrationDb();
    try {
      await bare.run('DROP TABLE experiment_assignments');
      const spec = parseCalibrationSpec({ ...CALIBRATION_SPEC, tests: [CALIBRATION_SPEC.tests[1]] });
      await expect(runCalibration(bare, spec)).rejects.toMatchObject({
        code: 'missing_data',
        path: 'tests[0]',
        message: expect.stringMatching(/pull Experiment assignments/),
      });
    } finally {
      bare.close();
    }
  });

  it('with no tests, is the attribution with every channel untested', async () => {
    const r = await runCalibration(db, parseCalibrationSpec({ ...CALIBRATION_SPEC, tests: [] }));
    expect(r.tests).toEqual([]);
    expect(r.models[2]!.channels.every((c) => c.status === 'untested' && c.adjusted_conversions === c.conversions)).toBe(true);
  });
});
