import { describe, expect, it } from 'vitest';
import {
  compactChain,
  gaussSeidel,
  maskedAbsorptionProbabilities,
  maskedAbsorptionProbability,
  solveDirect,
  solveIterative,
  type SparseChain,
} from './absorbing-chain';

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

/** The chain rebuilt without the masked states: transitions into them dropped (go to null). */
function rebuiltWithout(chain: SparseChain, masked: Uint8Array): { rebuilt: SparseChain; keep: number[] } {
  const keep = [...Array(chain.size).keys()].filter((i) => masked[i] === 0);
  const at = new Map(keep.map((i, k) => [i, k]));
  const rebuilt: SparseChain = {
    size: keep.length,
    edges: chain.edges.filter((e) => at.has(e.from) && at.has(e.to)).map((e) => ({ from: at.get(e.from)!, to: at.get(e.to)!, p: e.p })),
    absorb: chain.absorb.filter((e) => at.has(e.from)).map((e) => ({ from: at.get(e.from)!, p: e.p })),
  };
  return { rebuilt, keep };
}

describe('absorbing chain solve', () => {
  it('gives the hand-computed absorption probability of a small chain', () => {
    // start(0) -> a(1) 2/3, -> b(2) 1/3; a -> conversion 1/2, a -> null 1/2; b -> a 1, so
    // x_a = 1/2, x_b = 1/2, x_start = 2/3 * 1/2 + 1/3 * 1/2 = 1/2.
    const chain: SparseChain = {
      size: 3,
      edges: [
        { from: 0, to: 1, p: 2 / 3 },
        { from: 0, to: 2, p: 1 / 3 },
        { from: 2, to: 1, p: 1 },
      ],
      absorb: [{ from: 1, p: 0.5 }],
    };
    expect(solveDirect(chain)[0]).toBeCloseTo(0.5, 15);
    expect(solveIterative(chain)[0]).toBeCloseTo(0.5, 15);
  });

  it('iterative and direct solves agree on a 200-state chain with cycles', () => {
    const chain = randomChain(200, 7);
    const direct = solveDirect(chain);
    const iterative = solveIterative(chain);
    for (let i = 0; i < 200; i++) expect(Math.abs(direct[i]! - iterative[i]!)).toBeLessThan(1e-13);
  });

  it('a mask cuts states off exactly as a chain rebuilt without them (both solvers)', () => {
    const chain = randomChain(400, 3);
    const masked = new Uint8Array(400);
    for (let i = 1; i < 400; i += 3) masked[i] = 1;
    const { rebuilt, keep } = rebuiltWithout(chain, masked);
    const expected = solveDirect(rebuilt);
    const compact = compactChain(chain);
    const iterative = gaussSeidel(compact, masked);
    keep.forEach((i, k) => expect(Math.abs(iterative[i]! - expected[k]!)).toBeLessThan(1e-13));
    masked.forEach((m, i) => m === 1 && expect(iterative[i]).toBe(0));
    // 267 states remain: iterative; masking 200 more leaves 67: direct.
    expect(Math.abs(maskedAbsorptionProbability(compact, 0, masked) - expected[0]!)).toBeLessThan(1e-13);
    const more = masked.slice();
    for (let i = 200; i < 400; i++) more[i] = 1;
    expect(maskedAbsorptionProbability(compact, 0, more)).toBe(solveDirect(rebuiltWithout(chain, more).rebuilt)[0]);
    expect(maskedAbsorptionProbability(compact, 1, masked)).toBe(0);
  });

  it('solves many masks four at a time with bit for bit the numbers of one at a time', () => {
    const compact = compactChain(randomChain(500, 5));
    // Six iterative masks (a group of four and a partial group of two), one direct, one masking the start.
    const masks: (Uint8Array | null)[] = [null];
    for (let c = 1; c <= 5; c++) masks.push(Uint8Array.from({ length: 500 }, (_, i) => (i > 0 && i % (c + 2) === 0 ? 1 : 0)));
    masks.push(Uint8Array.from({ length: 500 }, (_, i) => (i >= 100 ? 1 : 0)));
    masks.push(Uint8Array.from({ length: 500 }, (_, i) => (i === 0 ? 1 : 0)));
    const together = maskedAbsorptionProbabilities(compact, 0, masks);
    expect(together).toHaveLength(masks.length);
    masks.forEach((m, k) => expect(together[k]).toBe(maskedAbsorptionProbability(compact, 0, m)));
    expect(together[1]).toBeLessThan(together[0]!);
    expect(together.at(-1)).toBe(0);
  });
});
