import { describe, expect, it } from 'vitest';
import { allocate, type AllocationChannel } from './allocate';
import { steadyMedia, type ResponseCurve } from './response-curve';

const curve = (decay: number, shape: number, halfSaturation: number, beta: number): ResponseCurve => ({ decay, shape, halfSaturation, base: 0, beta });
const channel = (c: ResponseCurve, lo: number, hi: number): AllocationChannel => ({ lo, hi, response: (s) => steadyMedia(c, s) });
const value = (chs: readonly AllocationChannel[], s: readonly number[]): number => chs.reduce((acc, c, i) => acc + c.response(s[i] as number), 0);

/** Every split on a fine grid (step total / steps) that respects the bounds: the reference optimum. */
function bruteForce(chs: readonly AllocationChannel[], total: number, steps: number): number {
  const step = total / steps;
  let best = -Infinity;
  const walk = (i: number, left: number, acc: number): void => {
    const c = chs[i] as AllocationChannel;
    if (i === chs.length - 1) {
      if (left >= c.lo - 1e-9 && left <= c.hi + 1e-9) best = Math.max(best, acc + c.response(left));
      return;
    }
    for (let k = 0; k <= steps; k++) {
      const s = k * step;
      if (s < c.lo - 1e-9 || s > c.hi + 1e-9 || s > left + 1e-9) continue;
      walk(i + 1, left - s, acc + c.response(s));
    }
  };
  walk(0, total, 0);
  return best;
}

describe('allocate', () => {
  const cases: { name: string; chs: AllocationChannel[]; total: number }[] = [
    { name: 'two concave channels', chs: [channel(curve(0.3, 0.8, 5_000, 900), 0, 30_000), channel(curve(0.1, 1, 20_000, 2_000), 0, 30_000)], total: 20_000 },
    {
      name: 'three channels, two S-shaped (a local optimum exists)',
      chs: [
        channel(curve(0.5, 2.5, 30_000, 3_000), 0, 40_000),
        channel(curve(0.2, 1.2, 8_000, 1_000), 0, 40_000),
        channel(curve(0.6, 3, 10_000, 1_500), 0, 40_000),
      ],
      total: 25_000,
    },
    {
      name: 'three channels with binding bounds',
      chs: [
        channel(curve(0.2, 1.5, 10_000, 2_000), 2_000, 6_000),
        channel(curve(0.4, 0.7, 3_000, 500), 5_000, 9_000),
        channel(curve(0, 2, 15_000, 2_500), 0, 20_000),
      ],
      total: 18_000,
    },
  ];

  for (const { name, chs, total } of cases) {
    it(`${name}: within 0.1% of a brute-force grid, inside the bounds, summing to the total`, () => {
      const s = allocate(chs, total);
      expect(s.reduce((a, v) => a + v, 0)).toBeCloseTo(total, 6);
      s.forEach((v, i) => {
        expect(v).toBeGreaterThanOrEqual((chs[i] as AllocationChannel).lo - 1e-9);
        expect(v).toBeLessThanOrEqual((chs[i] as AllocationChannel).hi + 1e-9);
      });
      const reference = bruteForce(chs, total, chs.length === 2 ? 20_000 : 600);
      expect(value(chs, s)).toBeGreaterThanOrEqual(reference * 0.999);
    });
  }

  it('equalises marginal returns where no bound binds', () => {
    const a = curve(0, 0.8, 5_000, 900);
    const b = curve(0, 1, 20_000, 2_000);
    const [sa, sb] = allocate([channel(a, 0, 1e6), channel(b, 0, 1e6)], 20_000) as [number, number];
    const slope = (c: ResponseCurve, s: number): number => (steadyMedia(c, s + 0.01) - steadyMedia(c, s - 0.01)) / 0.02;
    expect(slope(a, sa) / slope(b, sb)).toBeCloseTo(1, 4);
  });

  it('takes the only split the bounds leave', () => {
    const chs = [channel(curve(0, 1, 10, 10), 3, 3), channel(curve(0, 1, 10, 100), 0, 7)];
    expect(allocate(chs, 10)).toEqual([3, 7]);
  });

  it('skips a worthless channel and does not stop on the S-curve foot', () => {
    // Channel 0 is S-shaped: a small amount earns almost nothing, the whole budget earns most.
    const s = allocate(
      [channel(curve(0, 4, 10_000, 10_000), 0, 20_000), channel(curve(0, 1, 1_000, 1_000), 0, 20_000), channel(curve(0, 1, 1, 0), 0, 20_000)],
      15_000,
    );
    expect(s[0]).toBeGreaterThan(10_000);
    expect(s[2]).toBe(0);
  });
});
