import { describe, expect, it } from 'vitest';
import { estimateEffect } from './effect-interval';
import { backtestWindows, proposeTreatment, summarisePower } from './plan-geo-test';
import { fitTbr, tbrCounterfactual } from './tbr';

const days = (n: number): string[] => Array.from({ length: n }, (_, i) => `d${String(i).padStart(3, '0')}`);

/** x with a weekly shape; y = 3 + 0.5 x + a deterministic wobble, so every window has noise to beat. */
function series(n: number): { x: number[]; y: number[] } {
  const x = Array.from({ length: n }, (_, t) => 100 + 20 * Math.sin((2 * Math.PI * t) / 7) + t);
  const y = x.map((v, t) => 3 + 0.5 * v + 2 * Math.sin(t * 1.7) + Math.cos(t * 0.9));
  return { x, y };
}

describe('backtest windows', () => {
  const s = series(60);
  const windows = backtestWindows(s, days(60), 21, 7, 0.1);

  it('places every window after a full pre-period', () => {
    expect(windows).toHaveLength(60 - 21 - 7 + 1);
    expect(windows[0]?.test_start).toBe('d021');
    expect(windows.at(-1)?.test_end).toBe('d059');
  });

  it("each window's minimum detectable lift puts the interval's lower bound exactly at 0", () => {
    for (const w of [windows[0], windows[15], windows.at(-1)]) {
      const start = Number(w?.test_start.slice(1));
      const lift = w?.min_detectable_lift as number;
      const preX = s.x.slice(start - 21, start);
      const preY = s.y.slice(start - 21, start);
      const testX = s.x.slice(start, start + 7);
      const lifted = s.y.slice(start, start + 7).map((v) => v * (1 + lift));
      const e = estimateEffect(preY, lifted, days(7), tbrCounterfactual(fitTbr(preX, preY), preX, testX), 0.1);
      expect(e.effect_ci?.[0]).toBeCloseTo(0, 9);
      // and its null effect is what the window reads without a lift
      expect(w?.null_effect).toBeCloseTo(e.effect - (lift * e.actual) / (1 + lift), 9);
    }
  });
});

describe('power from the windows', () => {
  const w = (lift: number | null, nullEffect = 0, half: number | null = 1) => ({
    test_start: '',
    test_end: '',
    null_effect: nullEffect,
    half_width: half,
    min_detectable_lift: lift,
    sumY: 100,
  });

  it('takes the MDE at the power quantile and counts detections of the expected lift', () => {
    // Lifts 0.01 .. 0.04 and one window that detects nothing; power 0.8 of 5 windows = the 4th smallest.
    const s = summarisePower([w(0.03), w(null, 0, null), w(0.01), w(0.04, 2, 1), w(0.02, -1.5, 1)], 0.8, 0.025);
    expect(s.mde).toBe(0.04);
    expect(s.mdeEffect).toBeCloseTo(4, 12);
    expect(s.detection).toBe(0.4);
    // |2| > 1 and |-1.5| > 1: two of five windows are false positives.
    expect(s.falsePositive).toBe(0.4);
  });

  it('has no MDE when too few windows detect anything', () => {
    expect(summarisePower([w(0.01), w(null), w(null)], 0.8, 0.5).mde).toBeNull();
  });
});

describe('proposing treatment geos', () => {
  it('greedily picks the geos the others predict best, never the erratic one', () => {
    const base = Array.from({ length: 40 }, (_, t) => 50 + 10 * Math.sin(t / 2) + t / 4);
    const wobble = (k: number) => base.map((v, t) => v * k + 0.3 * Math.sin(t * (k + 1.3)));
    const perGeo = new Map<string, number[]>([
      ['A', wobble(1)],
      ['B', wobble(2)],
      ['C', wobble(3)],
      ['ERRATIC', base.map((v, t) => v + 25 * Math.sin(t * 2.9))],
      ['D', wobble(1.5)],
    ]);
    const steps = proposeTreatment(perGeo, [...perGeo.keys()], null, 2);
    expect(steps).toHaveLength(2);
    expect(steps.map((s) => s.geo_id)).not.toContain('ERRATIC');
    // the chosen geo tracks the rest to within a few percent
    expect(steps[0]?.relative_sigma).toBeLessThan(0.05);
  });
});
