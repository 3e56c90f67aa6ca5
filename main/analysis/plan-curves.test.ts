import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../fixtures/generator/generate';
import { expectedWeekly, marginalWeekly, mediaWeekly, moveSpend, splitTotal } from '../../shared/analysis/budget/plan-curves';
import { runBudget, type BudgetResult } from '../../shared/analysis/budget/run-budget';
import { parseBudgetSpec } from '../../shared/specs/budget-spec';
import { DuckDbEngine } from '../engine/duckdb-engine';
import { loadProducts } from '../engine/load-products';

describe('client-side curve evaluation (the planner screen sliders)', () => {
  it('gives hand-computed values', () => {
    // s = 50 with decay 0.5 settles at adstock 100 = K: half of beta above the baseline
    const m = { decay: 0.5, shape: 1, half_saturation: 100, baseline: 10, beta: 50 };
    expect(expectedWeekly(m, 50)).toBeCloseTo(35, 12);
    expect(mediaWeekly(m, 50)).toBeCloseTo(25, 12);
    // d/ds beta * 2s / (2s + 100) = beta * 200 / (2s + 100)^2 = 50 * 200 / 40000
    expect(marginalWeekly(m, 50)).toBeCloseTo(0.25, 12);
    expect(expectedWeekly(m, 0)).toBe(10);
    expect(splitTotal([m, { ...m, baseline: 0 }], [50, 50])).toBeCloseTo(60, 12);
  });

  it('moves spend between channels keeping the weekly total and every limit', () => {
    const limits = [
      { lo: 0, hi: 300 },
      { lo: 50, hi: 200 },
      { lo: 0, hi: 100 },
    ];
    const next = moveSpend([100, 100, 50], limits, 0, 180);
    expect(next[0]).toBeCloseTo(180, 12);
    expect(next.reduce((a, b) => a + b, 0)).toBeCloseTo(250, 9);
    // the others give in proportion to their room above lo: 50 and 50
    expect(next[1]).toBeCloseTo(60, 12);
    expect(next[2]).toBeCloseTo(10, 12);
    // asking for more than the others can give stops at their lower limits
    const capped = moveSpend([100, 100, 50], limits, 0, 290);
    expect(capped).toEqual([200, 50, 0]);
    // and less than they can take stops at their upper limits
    const low = moveSpend(
      [100, 100, 90],
      [
        { lo: 0, hi: 300 },
        { lo: 0, hi: 110 },
        { lo: 0, hi: 100 },
      ],
      0,
      0,
    );
    expect(low[0]).toBeCloseTo(80, 12);
    expect(low.slice(1)).toEqual([110, 100]);
  });

  describe('against the engine on the demo data', () => {
    let root: string;
    let db: DuckDbEngine;
    let result: BudgetResult;
    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), 'meshwork-plan-curves-'));
      await generateDataset({ outDir: root, customers: 2_000 });
      db = await DuckDbEngine.open();
      await loadProducts(db, root, { as: 'table', only: ['campaign_performance'] });
      result = await runBudget(db, parseBudgetSpec({ kind: 'budget', metric: 'revenue', budget: 40_000, weeks: 4, bounds: { paid_search: [0.5, 1.5] } }));
    }, 120_000);
    afterAll(async () => {
      db.close();
      await rm(root, { recursive: true, force: true });
    });

    it("reproduces every channel's expected values, marginal ROI and curve points", () => {
      expect(result.channels.length).toBeGreaterThan(3);
      for (const c of result.channels) {
        expect(expectedWeekly(c.model, c.current_weekly_spend)).toBeCloseTo(c.expected_weekly_current, 9);
        expect(expectedWeekly(c.model, c.recommended_weekly_spend)).toBeCloseTo(c.expected_weekly_recommended, 9);
        const mc = marginalWeekly(c.model, c.current_weekly_spend);
        if (c.marginal_roi_current === null) expect(mc).toBeNull();
        else expect(mc).toBeCloseTo(c.marginal_roi_current, 9);
        for (const [x, y] of c.curve) expect(mediaWeekly(c.model, x)).toBeCloseTo(y, 9);
      }
    });

    it('reproduces the totals, and no split inside the bounds beats the recommended one by hand', () => {
      const models = result.channels.map((c) => c.model);
      const rec = result.channels.map((c) => c.recommended_weekly_spend);
      const cur = result.channels.map((c) => c.current_weekly_spend);
      expect(splitTotal(models, rec)).toBeCloseTo(result.total.expected_weekly_recommended, 6);
      expect(splitTotal(models, cur)).toBeCloseTo(result.total.expected_weekly_current, 6);
      const limits = result.channels.map((c) => {
        const [lo, hi] = c.channel === 'paid_search' ? [0.5, 1.5] : [0, 3];
        // a poorly identified channel is held at its current spend by the planner
        if (c.warnings.some((w) => w.code === 'poor_identification')) return { lo: c.recommended_weekly_spend, hi: c.recommended_weekly_spend };
        return { lo: lo * c.current_weekly_spend, hi: hi * c.current_weekly_spend };
      });
      const best = splitTotal(models, rec);
      for (let i = 0; i < rec.length; i++) {
        for (const f of [0.8, 1.2]) {
          const moved = moveSpend(rec, limits, i, rec[i]! * f);
          expect(moved.reduce((a, b) => a + b, 0)).toBeCloseTo(10_000, 6);
          expect(splitTotal(models, moved)).toBeLessThanOrEqual(best + 1e-6 * Math.abs(best));
        }
      }
    });
  });
});
