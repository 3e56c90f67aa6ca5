/**
 * Absorption probabilities of an absorbing Markov chain: x = Q x + r, where Q holds the
 * transient-to-transient probabilities and r the one-step probabilities into the target
 * absorbing state (conversion). Deterministic: the same chain always gives the same numbers.
 */
export interface SparseChain {
  /** Transient states are 0..size-1. */
  size: number;
  edges: readonly { from: number; to: number; p: number }[];
  /** One-step probability of absorption in the target state, per transient state (summed if repeated). */
  absorb: readonly { from: number; p: number }[];
}

/**
 * The same chain in compressed rows (CSR) on typed arrays: row i's edges are
 * `to[rowStart[i] .. rowStart[i+1])` with probabilities `p[...]`; `absorb[i]` is r_i. Built once
 * and solved many times under different masks (Markov removal effects).
 */
export interface CompactChain {
  size: number;
  rowStart: Int32Array;
  to: Int32Array;
  p: Float64Array;
  absorb: Float64Array;
}

/** Up to this many (unmasked) states the system is solved directly (Gaussian elimination, O(n^3)). */
export const DIRECT_SOLVE_MAX_STATES = 250;
const MAX_SWEEPS = 1_000_000;

export function absorptionProbability(chain: SparseChain, state: number): number {
  const x = chain.size <= DIRECT_SOLVE_MAX_STATES ? solveDirect(chain) : solveIterative(chain);
  return x[state] ?? 0;
}

/** (I - Q) x = r by Gaussian elimination with partial pivoting on the dense augmented matrix. */
export function solveDirect(chain: SparseChain): Float64Array {
  const n = chain.size;
  const a = Array.from({ length: n }, (_, i) => {
    const row = new Float64Array(n + 1);
    row[i] = 1;
    return row;
  });
  for (const e of chain.edges) a[e.from]![e.to]! -= e.p;
  for (const e of chain.absorb) a[e.from]![n]! += e.p;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (pivot !== col) [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const pr = a[col]!;
    const p = pr[col]!;
    if (Math.abs(p) < 1e-300) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = a[r]!;
      const f = row[col]! / p;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) row[c]! -= f * pr[c]!;
    }
  }
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.abs(a[i]![i]!) < 1e-300 ? 0 : a[i]![n]! / a[i]![i]!;
  return x;
}

/** The compressed rows of a SparseChain (edges kept in their given order within a row). */
export function compactChain(chain: SparseChain): CompactChain {
  const n = chain.size;
  const absorb = new Float64Array(n);
  for (const e of chain.absorb) absorb[e.from]! += e.p;
  const rowStart = new Int32Array(n + 1);
  for (const e of chain.edges) rowStart[e.from + 1]!++;
  for (let i = 0; i < n; i++) rowStart[i + 1]! += rowStart[i]!;
  const fill = rowStart.slice(0, n);
  const to = new Int32Array(chain.edges.length);
  const p = new Float64Array(chain.edges.length);
  for (const e of chain.edges) {
    const k = fill[e.from]!++;
    to[k] = e.to;
    p[k] = e.p;
  }
  return { size: n, rowStart, to, p, absorb };
}

/** Gauss-Seidel on the whole chain (see gaussSeidel). */
export function solveIterative(chain: SparseChain): Float64Array {
  return gaussSeidel(compactChain(chain), null);
}

/**
 * Gauss-Seidel on x = Q x + r from x = 0, in state order, over the states not `masked` (a masked
 * state is cut off: it keeps x = 0, so every transition into it counts as a transition to null).
 * Every coefficient is non-negative and every state of an observed journey reaches absorption,
 * so the iterates rise monotonically to the solution; sweeps run until no component moves by
 * more than 1e-16 of the largest (double precision's fixed point), which agrees with the direct
 * solve to ~1e-13 at the sizes where both run.
 */
export function gaussSeidel(chain: CompactChain, masked: Uint8Array | null): Float64Array {
  const { size: n, rowStart, to, p, absorb } = chain;
  const x = new Float64Array(n);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let moved = 0;
    let largest = 0;
    for (let i = 0; i < n; i++) {
      if (masked !== null && masked[i] === 1) continue;
      let v = absorb[i]!;
      const end = rowStart[i + 1]!;
      for (let k = rowStart[i]!; k < end; k++) v += p[k]! * x[to[k]!]!;
      const d = Math.abs(v - x[i]!);
      if (d > moved) moved = d;
      if (v > largest) largest = v;
      x[i] = v;
    }
    if (moved <= 1e-16 * largest) break;
  }
  return x;
}

/**
 * Four Gauss-Seidel solves of the same chain under four masks in one pass over the rows: each
 * edge's index and probability are read once for all four, the four x values of a state sit side
 * by side (x[4 i + lane]). Each lane does exactly the arithmetic of gaussSeidel in the same
 * order and stops by the same rule, so its result is bit for bit gaussSeidel's; a stopped lane
 * is no longer written. `masks` has 1 to 4 entries.
 */
function gaussSeidelFour(chain: CompactChain, masks: readonly (Uint8Array | null)[]): Float64Array[] {
  const { size: n, rowStart, to, p, absorb } = chain;
  const lanes = masks.length;
  // skip[4 i + lane] = 1 where the lane does not update state i (masked, or the lane is unused).
  const skip = new Uint8Array(4 * n);
  for (let lane = 0; lane < 4; lane++) {
    const m = lane < lanes ? masks[lane]! : undefined;
    for (let i = 0; i < n; i++) skip[4 * i + lane] = m === undefined || (m !== null && m[i] === 1) ? 1 : 0;
  }
  const x = new Float64Array(4 * n);
  const running = [0, 1, 2, 3].map((lane) => lane < lanes);
  for (let sweep = 0; sweep < MAX_SWEEPS && running.some(Boolean); sweep++) {
    let m0 = 0,
      m1 = 0,
      m2 = 0,
      m3 = 0,
      l0 = 0,
      l1 = 0,
      l2 = 0,
      l3 = 0;
    const [r0, r1, r2, r3] = running;
    for (let i = 0; i < n; i++) {
      const base = 4 * i;
      let v0 = absorb[i]!;
      let v1 = v0,
        v2 = v0,
        v3 = v0;
      const end = rowStart[i + 1]!;
      for (let k = rowStart[i]!; k < end; k++) {
        const q = p[k]!;
        const j = 4 * to[k]!;
        v0 += q * x[j]!;
        v1 += q * x[j + 1]!;
        v2 += q * x[j + 2]!;
        v3 += q * x[j + 3]!;
      }
      if (r0 && skip[base] === 0) {
        const d = Math.abs(v0 - x[base]!);
        if (d > m0) m0 = d;
        if (v0 > l0) l0 = v0;
        x[base] = v0;
      }
      if (r1 && skip[base + 1] === 0) {
        const d = Math.abs(v1 - x[base + 1]!);
        if (d > m1) m1 = d;
        if (v1 > l1) l1 = v1;
        x[base + 1] = v1;
      }
      if (r2 && skip[base + 2] === 0) {
        const d = Math.abs(v2 - x[base + 2]!);
        if (d > m2) m2 = d;
        if (v2 > l2) l2 = v2;
        x[base + 2] = v2;
      }
      if (r3 && skip[base + 3] === 0) {
        const d = Math.abs(v3 - x[base + 3]!);
        if (d > m3) m3 = d;
        if (v3 > l3) l3 = v3;
        x[base + 3] = v3;
      }
    }
    const moved = [m0, m1, m2, m3];
    const largest = [l0, l1, l2, l3];
    for (let lane = 0; lane < 4; lane++) if (running[lane] && moved[lane]! <= 1e-16 * largest[lane]!) running[lane] = false;
  }
  return masks.map((_, lane) => Float64Array.from({ length: n }, (_, i) => x[4 * i + lane]!));
}

/** The unmasked states of `chain` as a SparseChain (renumbered in order), for the direct solve. */
function unmaskedPart(chain: CompactChain, masked: Uint8Array | null): { sub: SparseChain; index: Int32Array } {
  const index = new Int32Array(chain.size).fill(-1);
  let size = 0;
  for (let i = 0; i < chain.size; i++) if (masked === null || masked[i] !== 1) index[i] = size++;
  const edges: { from: number; to: number; p: number }[] = [];
  const absorb: { from: number; p: number }[] = [];
  for (let i = 0; i < chain.size; i++) {
    const from = index[i]!;
    if (from < 0) continue;
    if (chain.absorb[i]! !== 0) absorb.push({ from, p: chain.absorb[i]! });
    for (let k = chain.rowStart[i]!; k < chain.rowStart[i + 1]!; k++) {
      const to = index[chain.to[k]!]!;
      if (to >= 0) edges.push({ from, to, p: chain.p[k]! });
    }
  }
  return { sub: { size, edges, absorb }, index };
}

/**
 * Absorption probability from `state` with the `masked` states cut off (their in-flows go to
 * null): the direct solve when at most DIRECT_SOLVE_MAX_STATES states remain, Gauss-Seidel on the
 * compressed rows otherwise. The chain is never rebuilt for a mask.
 */
export function maskedAbsorptionProbability(chain: CompactChain, state: number, masked: Uint8Array | null): number {
  if (masked !== null && masked[state] === 1) return 0;
  let unmasked = chain.size;
  if (masked !== null) for (let i = 0; i < chain.size; i++) unmasked -= masked[i]!;
  if (unmasked <= DIRECT_SOLVE_MAX_STATES) {
    const { sub, index } = unmaskedPart(chain, masked);
    return solveDirect(sub)[index[state]!] ?? 0;
  }
  return gaussSeidel(chain, masked)[state] ?? 0;
}

/**
 * maskedAbsorptionProbability for several masks of one chain: the small systems solved
 * directly, the others by Gauss-Seidel four at a time (gaussSeidelFour, the same numbers as one
 * at a time).
 */
export function maskedAbsorptionProbabilities(chain: CompactChain, state: number, masks: readonly (Uint8Array | null)[]): number[] {
  const out = new Array<number>(masks.length).fill(0);
  const iterative: number[] = [];
  masks.forEach((masked, k) => {
    if (masked !== null && masked[state] === 1) return;
    let unmasked = chain.size;
    if (masked !== null) for (let i = 0; i < chain.size; i++) unmasked -= masked[i]!;
    if (unmasked <= DIRECT_SOLVE_MAX_STATES) out[k] = maskedAbsorptionProbability(chain, state, masked);
    else iterative.push(k);
  });
  for (let g = 0; g < iterative.length; g += 4) {
    const group = iterative.slice(g, g + 4);
    gaussSeidelFour(
      chain,
      group.map((k) => masks[k]!),
    ).forEach((x, lane) => (out[group[lane]!] = x[state] ?? 0));
  }
  return out;
}
