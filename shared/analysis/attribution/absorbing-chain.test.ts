import { describe, expect, it } from 'vitest';
import { solveDirect, solveIterative, type SparseChain } from './absorbing-chain';

/** A deterministic pseudo-random chain (LCG), each state leaking to conversion and null. */
function randomChain(size: number, seed: number): SparseChain {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const edges: { from: number; to: number; p: number }[] = [];
  const absorb: { from: number; p: number }[] = [];
  for (let i = 0; i < size; i++) {
    const targets = [0, 1, 2, 3].map(() => Math.floor(rnd() * size));
    const w = [...targets.map(() => rnd()), rnd() * 0.2, rnd() * 0.3];
    const total = w.reduce((a, b) => a + b, 0);
    targets.forEach((to, k) => edges.push({ from: i, to, p: w[k]! / total }));
    absorb.push({ from: i, p: w[4]! / total });
  }
  return { size, edges, absorb };
}

describe('absorbing chain solve', () => {
  it('gives the hand-computed absorption probability of a small chain', () => {
    // start(0) -> a(1) 2/3, -> b(2) 1/3; a -> conversion 1/2, a -> null 1/2; b -> a 1, so
    // x_a = 1/2, x_b = 1/2, x_start = 2/3 * 1/2 + 1/3 * 1/2 = 1/2.
    const chain: SparseChain = { size: 3, edges: [{ from: 0, to: 1, p: 2 / 3 }, { from: 0, to: 2, p: 1 / 3 }, { from: 2, to: 1, p: 1 }], absorb: [{ from: 1, p: 0.5 }] };
    expect(solveDirect(chain)[0]).toBeCloseTo(0.5, 15);
    expect(solveIterative(chain)[0]).toBeCloseTo(0.5, 15);
  });

  it('iterative and direct solves agree on a 200-state chain with cycles', () => {
    const chain = randomChain(200, 7);
    const direct = solveDirect(chain);
    const iterative = solveIterative(chain);
    for (let i = 0; i < 200; i++) expect(Math.abs(direct[i]! - iterative[i]!)).toBeLessThan(1e-13);
  });
});
