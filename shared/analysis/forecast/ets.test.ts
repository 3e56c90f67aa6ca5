import { describe, expect, it } from 'vitest';
import { fitEts, forecastEts } from './ets';
import { backtestSeries, forecastSeries } from './run-forecast';

function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('exponential smoothing', () => {
  it('forecasts a constant series as that constant with no spread', () => {
    const f = forecastEts(fitEts(Array(20).fill(100)), 6);
    f.mean.forEach((m) => expect(m).toBeCloseTo(100, 9));
    f.sd.forEach((s) => expect(s).toBeCloseTo(0, 9));
  });

  it('continues a noise-free linear trend exactly', () => {
    const y = Array.from({ length: 20 }, (_, t) => 10 + 3 * t);
    const model = fitEts(y);
    expect(model.phi).toBe(1);
    expect(model.sigma2).toBeCloseTo(0, 9);
    forecastEts(model, 5).mean.forEach((m, h) => expect(m).toBeCloseTo(10 + 3 * (20 + h), 6));
  });

  it('repeats a noise-free season on a trend when there are two full seasons', () => {
    const pattern = [5, -3, 8, -10];
    const y = Array.from({ length: 24 }, (_, t) => 50 + 2 * t + (pattern[t % 4] as number));
    const model = fitEts(y, 4);
    expect(model.period).toBe(4);
    forecastEts(model, 8).mean.forEach((m, h) => expect(m).toBeCloseTo(50 + 2 * (24 + h) + (pattern[(24 + h) % 4] as number), 6));
    // too short for the season: the model has none
    expect(fitEts(y.slice(0, 7), 4).period).toBe(0);
  });

  it('widens its intervals with the horizon and covers about 95% of one-step outcomes', () => {
    const u = uniform(9);
    const normal = (): number => Math.sqrt(-2 * Math.log(Math.max(u(), 1e-12))) * Math.cos(2 * Math.PI * u());
    let inside = 0;
    const runs = 300;
    for (let r = 0; r < runs; r++) {
      // local level: a random walk observed with noise
      let level = 100;
      const y: number[] = [];
      for (let t = 0; t < 61; t++) {
        level += 2 * normal();
        y.push(level + 4 * normal());
      }
      const f = forecastSeries(y.slice(0, 60), 3, 1.959963984540054, 0, '2026-01-05');
      const p = f.points[0]!;
      if (y[60]! >= p.lo && y[60]! <= p.hi) inside++;
      expect(f.points[2]!.hi - f.points[2]!.lo).toBeGreaterThanOrEqual(p.hi - p.lo);
    }
    expect(inside / runs).toBeGreaterThan(0.9);
    expect(inside / runs).toBeLessThan(0.99);
  });

  it('backtests on the last weeks: exact on a constant, scored by MAPE, RMSE and coverage', () => {
    expect(backtestSeries(Array(20).fill(7), 4, 1.96, 0)).toEqual({ weeks: 4, mape: 0, rmse: 0, coverage: 1 });
    // a level shift in the held-out weeks: forecast 10, actual 20 -> MAPE 0.5, RMSE 10
    const shifted = [...Array(16).fill(10), ...Array(4).fill(20)];
    const b = backtestSeries(shifted, 4, 1.96, 0)!;
    expect(b.mape).toBeCloseTo(0.5, 9);
    expect(b.rmse).toBeCloseTo(10, 9);
    expect(b.coverage).toBe(0);
    expect(backtestSeries([1, 2, 3], 4, 1.96, 0)).toBeNull();
  });
});
