import { describe, expect, it } from 'vitest';
import { simplexLeastSquares } from './simplex-least-squares';

/** Deterministic pseudo-random numbers (LCG) so the cases never change. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function sse(columns: number[][], y: number[], w: number[]): number {
  return y.reduce((acc, yt, t) => {
    const fit = columns.reduce((s, col, j) => s + (w[j] as number) * (col[t] as number), 0);
    return acc + (yt - fit) ** 2;
  }, 0);
}

/** Solves the equality-constrained problem on one support by Cramer-free elimination (small sizes only). */
function solveOnSupport(columns: number[][], y: number[], support: number[]): number[] | null {
  const m = support.length;
  const size = m + 1;
  const a: number[][] = [];
  const b: number[] = [];
  for (const i of support) {
    a.push([...support.map((j) => (columns[i] as number[]).reduce((s, v, t) => s + v * ((columns[j] as number[])[t] as number), 0)), 1]);
    b.push((columns[i] as number[]).reduce((s, v, t) => s + v * (y[t] as number), 0));
  }
  a.push([...support.map(() => 1), 0]);
  b.push(1);
  for (let c = 0; c < size; c++) {
    let p = c;
    for (let r = c + 1; r < size; r++) if (Math.abs((a[r] as number[])[c] as number) > Math.abs((a[p] as number[])[c] as number)) p = r;
    [a[c], a[p]] = [a[p] as number[], a[c] as number[]];
    [b[c], b[p]] = [b[p] as number, b[c] as number];
    const piv = (a[c] as number[])[c] as number;
    if (Math.abs(piv) < 1e-14) return null;
    for (let r = 0; r < size; r++) {
      if (r === c) continue;
      const f = ((a[r] as number[])[c] as number) / piv;
      for (let k = 0; k < size; k++) (a[r] as number[])[k] = ((a[r] as number[])[k] as number) - f * ((a[c] as number[])[k] as number);
      b[r] = (b[r] as number) - f * (b[c] as number);
    }
  }
  const w = new Array<number>(columns.length).fill(0);
  support.forEach((j, k) => (w[j] = (b[k] as number) / ((a[k] as number[])[k] as number)));
  return w.every((v) => v >= -1e-12) ? w : null;
}

/** The exact optimum by trying every support: the best feasible equality-constrained solution. */
function bruteForce(columns: number[][], y: number[]): number {
  let best = Infinity;
  const J = columns.length;
  for (let mask = 1; mask < 1 << J; mask++) {
    const support = [...Array(J).keys()].filter((j) => mask & (1 << j));
    const w = solveOnSupport(columns, y, support);
    if (w) best = Math.min(best, sse(columns, y, w));
  }
  return best;
}

describe('least squares over the simplex', () => {
  it('recovers the weights the treated series was built with (0.6 A + 0.4 B)', () => {
    const r = rng(7);
    const n = 60;
    const a = Array.from({ length: n }, (_, t) => 1000 + 200 * Math.sin(t / 3) + 50 * r());
    const b = Array.from({ length: n }, (_, t) => 800 + 150 * Math.cos(t / 5) + 50 * r());
    const c = Array.from({ length: n }, () => 900 + 300 * r());
    const d = Array.from({ length: n }, (_, t) => 700 + 10 * t + 40 * r());
    const y = a.map((v, t) => 0.6 * v + 0.4 * (b[t] as number));
    const fit = simplexLeastSquares([c, a, d, b], y);
    expect(fit.weights[0]).toBeCloseTo(0, 9);
    expect(fit.weights[1]).toBeCloseTo(0.6, 9);
    expect(fit.weights[2]).toBeCloseTo(0, 9);
    expect(fit.weights[3]).toBeCloseTo(0.4, 9);
    expect(fit.sse).toBeLessThan(1e-12 * 1e6 * n);
  });

  it('reaches the exact optimum found by enumerating every support, on random problems', () => {
    const r = rng(11);
    for (let trial = 0; trial < 40; trial++) {
      const J = 2 + (trial % 5);
      const n = 4 + (trial % 9);
      const columns = Array.from({ length: J }, () => Array.from({ length: n }, () => 100 * r()));
      // Targets inside, near and far outside the convex hull.
      const y = Array.from({ length: n }, () => 150 * r() - 20);
      const fit = simplexLeastSquares(columns, y);
      expect(fit.weights.every((w) => w >= 0)).toBe(true);
      expect(fit.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
      const best = bruteForce(columns, y);
      expect(fit.sse).toBeLessThanOrEqual(best * (1 + 1e-9) + 1e-9);
    }
  });

  it('puts all weight on the nearest series when the target lies beyond every one', () => {
    const fit = simplexLeastSquares(
      [
        [1, 1, 1],
        [2, 2, 2],
        [5, 5, 5],
      ],
      [9, 9, 9],
    );
    expect(fit.weights).toEqual([0, 0, 1]);
  });

  it('handles duplicated (collinear) series and a single series', () => {
    const a = [1, 4, 2, 8, 5];
    const fit = simplexLeastSquares([a, a, [3, 3, 3, 3, 3]], a);
    expect((fit.weights[0] as number) + (fit.weights[1] as number)).toBeCloseTo(1, 9);
    expect(fit.sse).toBeLessThan(1e-12);
    expect(simplexLeastSquares([[1, 2]], [5, 5]).weights).toEqual([1]);
  });
});
