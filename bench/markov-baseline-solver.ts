/**
 * The absorbing-chain solver as it was before issue #18, for bench/markov-baseline.ts only.
 *
 * Absorption probabilities of an absorbing Markov chain: x = Q x + r, where Q holds the
 * transient-to-transient probabilities and r the one-step probabilities into the target
 * absorbing state (conversion). Deterministic: the same chain always gives the same numbers.
 */
export interface BaselineChain {
  /** Transient states are 0..size-1. */
  size: number;
  edges: readonly { from: number; to: number; p: number }[];
  /** One-step probability of absorption in the target state, per transient state (summed if repeated). */
  absorb: readonly { from: number; p: number }[];
}

/** Up to this many states the system is solved directly (Gaussian elimination, O(n^3)). */
const DIRECT_SOLVE_MAX_STATES = 250;
const MAX_SWEEPS = 1_000_000;

export function absorptionProbabilityBaseline(chain: BaselineChain, state: number): number {
  const x = chain.size <= DIRECT_SOLVE_MAX_STATES ? solveDirect(chain) : solveIterative(chain);
  return x[state] ?? 0;
}

/** (I - Q) x = r by Gaussian elimination with partial pivoting on the dense augmented matrix. */
function solveDirect(chain: BaselineChain): Float64Array {
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

/**
 * Gauss-Seidel on x = Q x + r from x = 0. Every coefficient is non-negative and every state of
 * an observed journey reaches absorption, so the iterates rise monotonically to the solution;
 * sweeps run until no component moves by more than 1e-16 of the largest (double precision's
 * fixed point), which agrees with the direct solve to ~1e-13 at the sizes where both run.
 */
function solveIterative(chain: BaselineChain): Float64Array {
  const n = chain.size;
  const r = new Float64Array(n);
  for (const e of chain.absorb) r[e.from]! += e.p;
  // Compressed rows of Q, for a cache-friendly sweep.
  const start = new Int32Array(n + 1);
  for (const e of chain.edges) start[e.from + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const to = new Int32Array(chain.edges.length);
  const p = new Float64Array(chain.edges.length);
  for (const e of chain.edges) {
    const k = fill[e.from]!++;
    to[k] = e.to;
    p[k] = e.p;
  }
  const x = new Float64Array(n);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let moved = 0;
    let largest = 0;
    for (let i = 0; i < n; i++) {
      let v = r[i]!;
      for (let k = start[i]!; k < start[i + 1]!; k++) v += p[k]! * x[to[k]!]!;
      const d = Math.abs(v - x[i]!);
      if (d > moved) moved = d;
      if (v > largest) largest = v;
      x[i] = v;
    }
    if (moved <= 1e-16 * largest) break;
  }
  return x;
}
