import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../fixtures/generator/generate';
import { MEDIA_CHANNELS, steadyStateResponse, trueMediaCurves, type MediaChannel } from '../../fixtures/generator/media-truth';
import { allocate } from '../../shared/analysis/budget/allocate';
import { steadyMedia } from '../../shared/analysis/budget/response-curve';
import { runBudget, type BudgetResult } from '../../shared/analysis/budget/run-budget';
import { forecastChannels } from '../../shared/analysis/forecast/run-forecast';
import { parseSpec } from '../../shared/specs/index';
import { parseBudgetSpec, type BudgetSpec } from '../../shared/specs/budget-spec';
import { runAnalyze } from '../cli/analyze-command';
import { DuckDbEngine } from '../engine/duckdb-engine';
import { loadProducts } from '../engine/load-products';

const TABLE = `CREATE TABLE campaign_performance ("date" DATE, platform VARCHAR, channel VARCHAR, campaign_id VARCHAR, campaign_name VARCHAR,
  ad_set_id VARCHAR, ad_id VARCHAR, spend DOUBLE, impressions BIGINT, clicks BIGINT, conversions DOUBLE, revenue DOUBLE)`;

const spec = (fields: Record<string, unknown>): BudgetSpec => parseBudgetSpec({ kind: 'budget', metric: 'revenue', budget: 1000, weeks: 2, ...fields });

async function error(p: Promise<unknown>): Promise<{ code: string; path: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; path: string; message: string };
  }
  throw new Error('expected an error');
}

describe('budget planner on hand-built data', () => {
  let db: DuckDbEngine;
  beforeAll(async () => {
    db = await DuckDbEngine.open();
    await db.run(TABLE);
    // Wed 2026-06-03 .. Tue 2026-06-30: the weeks of 06-01 and 06-29 are partial; 06-08, 06-15
    // and 06-22 are complete. Channel a spends 100 a day, 200 a day in the week of 06-22; b spends
    // only in the week of 06-22 (50 a day) and in the partial last week; a NULL spend counts 0, a
    // NULL channel is nobody's.
    await db.run(`INSERT INTO campaign_performance
      SELECT d::DATE, 'p', 'a', 'k', 'K', 's', 'ad_a', CASE WHEN d >= DATE '2026-06-22' AND d < DATE '2026-06-29' THEN 200 ELSE 100 END, 0, 0, 1, 300
      FROM range(DATE '2026-06-03', DATE '2026-07-01', INTERVAL 1 DAY) r(d)`);
    await db.run(`INSERT INTO campaign_performance
      SELECT d::DATE, 'p', 'b', 'k', 'K', 's', 'ad_b', 50, 0, 0, 1, 80
      FROM range(DATE '2026-06-22', DATE '2026-07-01', INTERVAL 1 DAY) r(d)`);
    await db.run(`INSERT INTO campaign_performance VALUES ('2026-06-16', 'p', 'b', 'k', 'K', 's', 'ad_b', NULL, 0, 0, NULL, NULL),
      ('2026-06-16', 'p', NULL, 'k', 'K', 's', 'ad_x', 99999, 0, 0, 1, 1)`);
  });
  afterAll(() => db.close());

  it('takes current spend over the last `weeks` complete ISO weeks, zero weeks included', async () => {
    // last 2 complete weeks: 06-15 (a 700, b 0) and 06-22 (a 1400, b 350)
    const r = await runBudget(db, spec({ budget: 2 * 1225 }));
    expect(r.channels.map((c) => [c.channel, c.current_weekly_spend])).toEqual([
      ['a', 1050],
      ['b', 175],
    ]);
    // more weeks than the data holds: the three complete weeks there are
    const all = await runBudget(db, spec({ weeks: 10, budget: 10 * 1000 }));
    expect(all.channels.map((c) => c.current_weekly_spend)).toEqual([(700 + 700 + 1400) / 3, 350 / 3]);
  });

  it('recommends weekly spends inside the bounds that sum to budget / weeks', async () => {
    const r = await runBudget(db, spec({ budget: 2400, bounds: { a: [0.5, 1], b: [1, 2] } }));
    const [a, b] = r.channels;
    expect(a!.recommended_weekly_spend + b!.recommended_weekly_spend).toBeCloseTo(1200, 9);
    expect(a!.recommended_weekly_spend).toBeGreaterThanOrEqual(525 - 1e-9);
    expect(a!.recommended_weekly_spend).toBeLessThanOrEqual(1050 + 1e-9);
    expect(b!.recommended_weekly_spend).toBeGreaterThanOrEqual(175 - 1e-9);
    expect(b!.recommended_weekly_spend).toBeLessThanOrEqual(350 + 1e-9);
    // only the listed channels share the budget
    const onlyA = await runBudget(db, spec({ channels: ['a'], budget: 2000 }));
    expect(onlyA.channels.map((c) => [c.channel, c.recommended_weekly_spend])).toEqual([['a', 1000]]);
    // too few complete weeks to hold any out: no validation figures
    expect(a!.fit).toEqual({ r2: null, mape: null });
  });

  it('names an unknown channel, in channels or in bounds', async () => {
    expect(await error(runBudget(db, spec({ channels: ['a', 'tv'] })))).toMatchObject({ code: 'unknown_channel', path: 'channels[1]' });
    expect((await error(runBudget(db, spec({ channels: ['a', 'tv'] })))).message).toMatch(/"tv" is not a channel.*a, b/);
    expect(await error(runBudget(db, spec({ bounds: { radio: [0, 1] } })))).toMatchObject({ code: 'unknown_channel', path: 'bounds.radio' });
  });

  it('refuses bounds that cannot hold the budget, either way', async () => {
    // lower limits: 2 * 1050 + 2 * 175 = 2450 > 1000 per week
    const low = await error(runBudget(db, spec({ budget: 2000, bounds: { a: [2, 3], b: [2, 3] } })));
    expect(low).toMatchObject({ code: 'infeasible_bounds', path: 'bounds' });
    expect(low.message).toMatch(/2,450.*1,000/);
    // upper limits with the default [0, 3]: 3 * 1225 = 3675 < 5000 per week
    expect(await error(runBudget(db, spec({ budget: 10_000 })))).toMatchObject({ code: 'infeasible_bounds', path: 'bounds' });
    // exactly on the edge is feasible: every channel at 3x
    const edge = await runBudget(db, spec({ budget: 2 * 3 * 1225 }));
    expect(edge.channels.map((c) => c.recommended_weekly_spend)).toEqual([3150, 525]);
  });

  it('treats weekly-grain rows (one date per week) as complete weeks', async () => {
    const w = await DuckDbEngine.open();
    try {
      await w.run(TABLE);
      await w.run(`INSERT INTO campaign_performance VALUES
        ('2026-06-01', 'p', 'a', 'k', 'K', 's', 'x', 100, 0, 0, 1, 10), ('2026-06-08', 'p', 'a', 'k', 'K', 's', 'x', 300, 0, 0, 1, 10),
        ('2026-06-15', 'p', 'a', 'k', 'K', 's', 'x', 500, 0, 0, 1, 10)`);
      const r = await runBudget(w, spec({ weeks: 2, budget: 800 }));
      expect(r.channels[0]?.current_weekly_spend).toBe(400);
    } finally {
      w.close();
    }
  });

  it('refuses data without a complete week', async () => {
    const e = await DuckDbEngine.open();
    try {
      await e.run(TABLE);
      expect(await error(runBudget(e, spec({})))).toMatchObject({ code: 'insufficient_data' });
    } finally {
      e.close();
    }
  });
});

describe('budget spec', () => {
  const bad = (fields: Record<string, unknown>): { code: string; path: string; message: string } => {
    try {
      parseSpec({ kind: 'budget', metric: 'revenue', budget: 1000, weeks: 4, ...fields });
    } catch (e) {
      return e as { code: string; path: string; message: string };
    }
    throw new Error('expected a SpecError');
  };

  it('applies the defaults and keeps the rest', () => {
    expect(parseSpec({ kind: 'budget', metric: 'conversions', budget: 5, weeks: 1 })).toEqual({
      kind: 'budget',
      metric: 'conversions',
      budget: 5,
      weeks: 1,
      channels: null,
      bounds: null,
    });
  });

  it('refuses what SPEC section 10 does not allow, at its path', () => {
    expect(bad({ metric: 'clicks' })).toMatchObject({ code: 'invalid_spec', path: 'metric' });
    expect(bad({ budget: 0 })).toMatchObject({ path: 'budget', message: 'budget must be > 0' });
    expect(bad({ budget: 1e14 })).toMatchObject({ path: 'budget' });
    expect(bad({ weeks: 0 })).toMatchObject({ path: 'weeks' });
    expect(bad({ weeks: 53 })).toMatchObject({ path: 'weeks' });
    expect(bad({ weeks: 2.5 })).toMatchObject({ path: 'weeks' });
    expect(bad({ weeks: undefined })).toMatchObject({ path: 'weeks' });
    expect(bad({ channels: [] })).toMatchObject({ path: 'channels' });
    expect(bad({ channels: ['a', 'a'] })).toMatchObject({ path: 'channels[1]' });
    expect(bad({ bounds: { a: [2, 1] } })).toMatchObject({ path: 'bounds.a', message: 'bounds.a must have lo <= hi' });
    expect(bad({ bounds: { a: [-1, 1] } })).toMatchObject({ path: 'bounds.a[0]' });
    expect(bad({ bounds: { a: [1] } })).toMatchObject({ path: 'bounds.a' });
    expect(bad({ channels: ['a'], bounds: { b: [0, 1] } })).toMatchObject({ path: 'bounds.b' });
    expect(bad({ budgets: 5 })).toMatchObject({ code: 'invalid_spec', message: expect.stringMatching(/unknown field.*budgets/) });
  });
});

describe('budget planner on the demo data with known curves', () => {
  const CUSTOMERS = 2_000;
  let root: string;
  let db: DuckDbEngine;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'meshwork-budget-'));
    await generateDataset({ outDir: root, customers: CUSTOMERS });
    db = await DuckDbEngine.open();
    await loadProducts(db, root, { as: 'table', only: ['campaign_performance'] });
  });
  afterAll(async () => {
    db.close();
    await rm(root, { recursive: true, force: true });
  });

  /** The split's expected weekly metric under the true curves, and the true optimum's. */
  function judge(result: BudgetResult, s: BudgetSpec): { recommended: number; optimum: number; base: number } {
    const truth = trueMediaCurves(CUSTOMERS, s.metric);
    const curves = result.channels.map((c) => truth[c.channel as MediaChannel]);
    const channels = result.channels.map((c, i) => {
      const [lo, hi] = s.bounds?.[c.channel] ?? [0, 3];
      return { lo: lo * c.current_weekly_spend, hi: hi * c.current_weekly_spend, response: (x: number) => steadyStateResponse(curves[i]!, x, false) };
    });
    const optimum = allocate(channels, s.budget / s.weeks, 4000);
    const value = (split: number[]): number => channels.reduce((acc, c, i) => acc + c.response(split[i]!), 0);
    return {
      recommended: value(result.channels.map((c) => c.recommended_weekly_spend)),
      optimum: value(optimum),
      base: curves.reduce((a, c) => a + c.base, 0),
    };
  }

  const plans = [
    { metric: 'revenue', budget: 30_000, weeks: 4, bounds: { paid_search: [0.5, 1.5] } },
    { metric: 'revenue', budget: 45_000, weeks: 4 },
    { metric: 'conversions', budget: 15_000, weeks: 4 },
    { metric: 'conversions', budget: 60_000, weeks: 8, bounds: { video: [0.5, 2] } },
  ];
  for (const plan of plans) {
    it(`earns at least 97% of the true optimum under the true curves: ${JSON.stringify(plan)}`, async () => {
      const s = parseBudgetSpec({ kind: 'budget', ...plan });
      const result = await runBudget(db, s);
      const { recommended, optimum } = judge(result, s);
      // media response alone (the baseline is earned either way): the stricter reading
      expect(recommended / optimum).toBeGreaterThanOrEqual(0.97);
      const sum = result.channels.reduce((a, c) => a + c.recommended_weekly_spend, 0);
      expect(sum).toBeCloseTo(s.budget / s.weeks, 6);
      for (const c of result.channels) {
        const [lo, hi] = s.bounds?.[c.channel] ?? [0, 3];
        expect(c.recommended_weekly_spend).toBeGreaterThanOrEqual(lo * c.current_weekly_spend - 1e-9);
        expect(c.recommended_weekly_spend).toBeLessThanOrEqual(hi * c.current_weekly_spend + 1e-9);
      }
    });
  }

  it('reports every SPEC field, totals that add up and a lift interval around the lift', async () => {
    const s = parseBudgetSpec({ kind: 'budget', metric: 'revenue', budget: 40_000, weeks: 4 });
    const r = await runBudget(db, s);
    expect(Object.keys(r)).toEqual(['kind', 'metric', 'weeks', 'budget', 'channels', 'total']);
    expect(r.channels.map((c) => c.channel)).toEqual([...MEDIA_CHANNELS].sort());
    for (const c of r.channels) {
      const curve = { decay: c.model.decay, shape: c.model.shape, halfSaturation: c.model.half_saturation, base: c.model.baseline, beta: c.model.beta };
      expect(c.expected_weekly_current).toBeCloseTo(c.model.baseline + steadyMedia(curve, c.current_weekly_spend), 6);
      expect(c.expected_weekly_recommended).toBeCloseTo(c.model.baseline + steadyMedia(curve, c.recommended_weekly_spend), 6);
      expect(c.roi_current).toBeCloseTo(c.expected_weekly_current / c.current_weekly_spend, 9);
      expect(c.curve[0]).toEqual([0, 0]);
      expect(c.curve).toHaveLength(21);
      expect(c.expected_weekly_current).toBeGreaterThanOrEqual(c.model.baseline);
    }
    const sumCur = r.channels.reduce((a, c) => a + c.expected_weekly_current, 0);
    expect(r.total.expected_weekly_current).toBeCloseTo(sumCur, 6);
    expect(r.total.lift).toBeCloseTo(r.total.expected_weekly_recommended - r.total.expected_weekly_current, 6);
    expect(r.total.lift_ci[0]).toBeLessThanOrEqual(r.total.lift);
    expect(r.total.lift_ci[1]).toBeGreaterThanOrEqual(r.total.lift);
    // deterministic: the same data gives the same document
    expect(await runBudget(db, s)).toEqual(r);
  });

  it('warns that affiliate, whose spend barely varies, is poorly identified, and keeps it at its current spend', async () => {
    const r = await runBudget(db, parseBudgetSpec({ kind: 'budget', metric: 'revenue', budget: 40_000, weeks: 4 }));
    const flagged = r.channels.filter((c) => c.warnings.some((w) => w.code === 'poor_identification')).map((c) => c.channel);
    expect(flagged).toEqual(['affiliate']);
    const affiliate = r.channels.find((c) => c.channel === 'affiliate')!;
    expect(affiliate.recommended_weekly_spend).toBeCloseTo(affiliate.current_weekly_spend, 9);
  });

  it('takes current spend as an independent SQL reading of the last complete ISO weeks', async () => {
    const r = await runBudget(db, parseBudgetSpec({ kind: 'budget', metric: 'revenue', budget: 40_000, weeks: 6 }));
    const rows = await db.all<{ channel: string; spend: number }>(`
      WITH span AS (SELECT min("date") AS f, max("date") AS l FROM campaign_performance),
      complete AS (
        SELECT DISTINCT date_trunc('week', "date") AS w FROM campaign_performance, span
        WHERE date_trunc('week', "date") >= f AND date_trunc('week', "date") + INTERVAL 6 DAY <= l
        ORDER BY w DESC LIMIT 6)
      SELECT channel, sum(spend) / 6 AS spend FROM campaign_performance WHERE date_trunc('week', "date") IN (SELECT w FROM complete)
      GROUP BY channel ORDER BY channel`);
    expect(r.channels.map((c) => c.channel)).toEqual(rows.map((x) => x.channel));
    r.channels.forEach((c, i) => expect(c.current_weekly_spend).toBeCloseTo(rows[i]!.spend, 6));
  });

  it('runs from `meshwork analyze`: JSON on stdout, exit 2 naming an unknown channel, exit 3 without the data', async () => {
    const cli = async (spec: unknown, data = root): Promise<{ code: number; stdout: string; stderr: string }> => {
      const file = join(root, `spec-${Math.random().toString(36).slice(2)}.json`);
      await writeFile(file, JSON.stringify(spec));
      let stdout = '';
      let stderr = '';
      const code = await runAnalyze(['--data', data, '--spec', file], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
      return { code, stdout, stderr };
    };
    const ok = await cli({ kind: 'budget', metric: 'revenue', budget: 40_000, weeks: 4, channels: null, bounds: { paid_search: [0.5, 1.5] } });
    expect(ok.code).toBe(0);
    const doc = JSON.parse(ok.stdout) as BudgetResult;
    expect(doc).toMatchObject({ kind: 'budget', metric: 'revenue', weeks: 4, budget: 40_000 });
    expect(doc.channels).toHaveLength(MEDIA_CHANNELS.length);
    const unknown = await cli({ kind: 'budget', metric: 'revenue', budget: 40_000, weeks: 4, channels: ['paid_search', 'tv'] });
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(JSON.parse(unknown.stderr)).toMatchObject({ error: { code: 'unknown_channel', path: 'channels[1]', message: expect.stringContaining('"tv"') } });
    const infeasible = await cli({ kind: 'budget', metric: 'revenue', budget: 1e9, weeks: 4 });
    expect(infeasible.code).toBe(2);
    expect(JSON.parse(infeasible.stderr)).toMatchObject({ error: { code: 'infeasible_bounds', path: 'bounds' } });
    const missing = await cli({ kind: 'budget', metric: 'revenue', budget: 40_000, weeks: 4 }, join(root, 'nowhere'));
    expect(missing.code).toBe(3);
  });

  it("forecasts each channel's spend, conversions and revenue for the weeks after the last complete one", async () => {
    const f = await forecastChannels(db, { horizon: 8 });
    // the data ends on Friday 2026-10-30: the last complete week is the one of Monday 2026-10-19
    expect(f.last_week).toBe('2026-10-19');
    expect(f.channels.map((c) => c.channel)).toEqual([...MEDIA_CHANNELS].sort());
    for (const c of f.channels) {
      for (const s of [c.spend, c.conversions, c.revenue]) {
        expect(s.points.map((p) => p.week)).toEqual([
          '2026-10-26',
          '2026-11-02',
          '2026-11-09',
          '2026-11-16',
          '2026-11-23',
          '2026-11-30',
          '2026-12-07',
          '2026-12-14',
        ]);
        for (const p of s.points) {
          expect(p.lo).toBeLessThanOrEqual(p.mean);
          expect(p.hi).toBeGreaterThanOrEqual(p.mean);
          expect(p.lo).toBeGreaterThanOrEqual(0);
        }
        expect(s.backtest?.weeks).toBe(6);
      }
    }
    // affiliate spend barely varies: its forecast stays within 10% of its mean weekly spend
    const affiliate = f.channels.find((c) => c.channel === 'affiliate')!;
    const current = (await runBudget(db, parseBudgetSpec({ kind: 'budget', metric: 'revenue', budget: 40_000, weeks: 4 }))).channels.find(
      (c) => c.channel === 'affiliate',
    )!;
    for (const p of affiliate.spend.points) expect(Math.abs(p.mean / current.current_weekly_spend - 1)).toBeLessThan(0.1);
    expect(affiliate.spend.backtest!.mape).toBeLessThan(0.1);
    await expect(forecastChannels(db, { horizon: 0 })).rejects.toMatchObject({ code: 'invalid_spec', path: 'horizon' });
    await expect(forecastChannels(db, { horizon: 4, channels: ['tv'] })).rejects.toMatchObject({ code: 'unknown_channel', path: 'channels[0]' });
  });
});
