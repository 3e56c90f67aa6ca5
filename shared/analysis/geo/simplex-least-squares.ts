/**
 * Least squares over the probability simplex: min ||A w - y||^2 subject to w >= 0 and
 * sum(w) = 1, the synthetic control weight problem (Abadie, Diamond and Hainmueller 2010).
 *
 * A primal active-set method for the convex QP min 1/2 w'Qw - c'w (Q = A'A, c = A'y): keep a
 * feasible w and a free set F (weights allowed to be positive, the rest held at 0); solve the
 * equality-constrained problem on F exactly (its KKT system); if that solution is feasible,
 * free the held weight whose Lagrange multiplier is most negative, else step toward it as far
 * as feasibility allows and hold the weight that reached 0. It stops when every multiplier is
 * >= 0, i.e. at the exact optimum (the KKT conditions hold), after finitely many steps.
 */

export interface SimplexFit {
  weights: number[];
  /** ||A w - y||^2 at the weights */
  sse: number;
  /** active-set iterations used */
  iterations: number;
}

/** Solves M z = b by Gaussian elimination with partial pivoting; M is square and is overwritten. */
function solveLinear(m: number[][], b: number[]): number[] {
  const size = b.length;
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) if (Math.abs((m[r] as number[])[col] as number) > Math.abs((m[pivot] as number[])[col] as number)) pivot = r;
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    [b[col], b[pivot]] = [b[pivot] as number, b[col] as number];
    const rowC = m[col] as number[];
    const p = rowC[col] as number;
    if (p === 0) continue;
    for (let r = col + 1; r < size; r++) {
      const row = m[r] as number[];
      const f = (row[col] as number) / p;
      if (f === 0) continue;
      for (let k = col; k < size; k++) row[k] = (row[k] as number) - f * (rowC[k] as number);
      b[r] = (b[r] as number) - f * (b[col] as number);
    }
  }
  const z = new Array<number>(size).fill(0);
  for (let r = size - 1; r >= 0; r--) {
    const row = m[r] as number[];
    let s = b[r] as number;
    for (let k = r + 1; k < size; k++) s -= (row[k] as number) * (z[k] as number);
    const p = row[r] as number;
    z[r] = p === 0 ? 0 : s / p;
  }
  return z;
}

/**
 * `columns[j]` is the j-th candidate series (a control geo), `y` the series to match; all of
 * equal length. Returns the weights in the order of `columns`.
 */
export function simplexLeastSquares(columns: readonly (readonly number[])[], y: readonly number[]): SimplexFit {
  const J = columns.length;
  if (J === 0) throw new RangeError('simplexLeastSquares needs at least one column');
  const sseOf = (w: readonly number[]): number => {
    let sse = 0;
    y.forEach((yt, t) => {
      let fit = 0;
      for (let j = 0; j < J; j++) if (w[j] !== 0) fit += (w[j] as number) * ((columns[j] as readonly number[])[t] as number);
      sse += (yt - fit) * (yt - fit);
    });
    return sse;
  };
  if (J === 1) return { weights: [1], sse: sseOf([1]), iterations: 0 };

  // Scaling every series by one constant leaves the minimiser unchanged and keeps Q near 1.
  let scale = 0;
  for (const v of y) scale = Math.max(scale, Math.abs(v));
  for (const col of columns) for (const v of col) scale = Math.max(scale, Math.abs(v));
  if (!(scale > 0) || !Number.isFinite(scale)) scale = 1;
  const q: number[][] = Array.from({ length: J }, () => new Array<number>(J).fill(0));
  const c = new Array<number>(J).fill(0);
  for (let i = 0; i < J; i++) {
    const ci = columns[i] as readonly number[];
    for (let j = i; j < J; j++) {
      const cj = columns[j] as readonly number[];
      let s = 0;
      for (let t = 0; t < y.length; t++) s += ((ci[t] as number) / scale) * ((cj[t] as number) / scale);
      (q[i] as number[])[j] = s;
      (q[j] as number[])[i] = s;
    }
    let s = 0;
    for (let t = 0; t < y.length; t++) s += ((ci[t] as number) / scale) * ((y[t] as number) / scale);
    c[i] = s;
  }
  const { weights, iterations } = simplexQp(q, c);
  return { weights, sse: sseOf(weights), iterations };
}

/**
 * The same problem in Gram form: min 1/2 w'Qw - c'w over the simplex, with Q = A'A and c = A'y
 * (any common positive scale). Placebo fits share one Gram matrix of all control geos, so each
 * takes its rows and columns instead of recomputing them.
 */
export function simplexQp(q: readonly (readonly number[])[], c: readonly number[]): { weights: number[]; iterations: number } {
  const J = c.length;
  if (J === 0) throw new RangeError('simplexQp needs at least one weight');
  if (J === 1) return { weights: [1], iterations: 0 };
  let maxDiag = 0;
  for (let i = 0; i < J; i++) maxDiag = Math.max(maxDiag, (q[i] as number[])[i] as number);
  // A ridge far below any meaningful curvature keeps the KKT system solvable when series are collinear.
  const ridge = 1e-13 * Math.max(maxDiag, 1e-300);
  const tol = 1e-12 * Math.max(maxDiag, 1e-300);

  const gradient = (w: readonly number[], i: number): number => {
    const row = q[i] as readonly number[];
    let g = -(c[i] as number);
    for (let j = 0; j < J; j++) if (w[j] !== 0) g += (row[j] as number) * (w[j] as number);
    return g;
  };

  // Start at the best single series (a vertex of the simplex, so feasible).
  let start = 0;
  for (let j = 1; j < J; j++) {
    if (0.5 * ((q[j] as number[])[j] as number) - (c[j] as number) < 0.5 * ((q[start] as number[])[start] as number) - (c[start] as number)) start = j;
  }
  let w = new Array<number>(J).fill(0);
  w[start] = 1;
  let free = [start];
  let iterations = 0;
  /** the weight a zero-length step just held: freeing it again at once would cycle (rounding at a degenerate vertex) */
  let stalled = -1;
  const maxIterations = 50 * J + 200;

  while (iterations < maxIterations) {
    iterations += 1;
    // KKT of min 1/2 w_F'Q_FF w_F - c_F'w_F s.t. 1'w_F = 1:  Q_FF w_F + lambda 1 = c_F, 1'w_F = 1.
    const m = free.length;
    const kkt: number[][] = [];
    const rhs: number[] = [];
    for (let a = 0; a < m; a++) {
      const row = free.map((j) => (q[free[a] as number] as number[])[j] as number);
      row[a] = (row[a] as number) + ridge;
      row.push(1);
      kkt.push(row);
      rhs.push(c[free[a] as number] as number);
    }
    kkt.push([...free.map(() => 1), 0]);
    rhs.push(1);
    const z = solveLinear(kkt, rhs);
    const target = z.slice(0, m);
    const lambda = z[m] as number;

    if (target.every((v) => v >= 0)) {
      w = new Array<number>(J).fill(0);
      free.forEach((j, a) => (w[j] = target[a] as number));
      // Multiplier of the bound w_i >= 0 for a held weight: g_i + lambda; negative means freeing i lowers the objective.
      let enter = -1;
      let most = -tol;
      for (let i = 0; i < J; i++) {
        if (free.includes(i)) continue;
        const mu = gradient(w, i) + lambda;
        if (mu < most) {
          most = mu;
          enter = i;
        }
      }
      if (enter < 0 || enter === stalled) break;
      stalled = -1;
      free = [...free, enter];
      continue;
    }
    // Step toward the target until the first free weight reaches 0, then hold that weight.
    let step = 1;
    let blocking = -1;
    free.forEach((j, a) => {
      const to = target[a] as number;
      const from = w[j] as number;
      if (to < 0) {
        const s = from / (from - to);
        if (s < step) {
          step = s;
          blocking = j;
        }
      }
    });
    const next = [...w];
    free.forEach((j, a) => (next[j] = (w[j] as number) + step * ((target[a] as number) - (w[j] as number))));
    if (blocking >= 0) next[blocking] = 0;
    stalled = step === 0 ? blocking : -1;
    w = next.map((v) => (v > 0 ? v : 0));
    free = free.filter((j) => (w[j] as number) > 0);
    if (free.length === 0) {
      // Cannot happen for a feasible iterate (the weights sum to 1); restart at the best vertex to stay safe.
      w = new Array<number>(J).fill(0);
      w[start] = 1;
      free = [start];
    }
  }
  // Remove the last rounding: weights are >= 0 and sum to exactly 1 up to one ulp.
  const total = w.reduce((s, v) => s + v, 0);
  return { weights: w.map((v) => (v > 0 ? v / total : 0)), iterations };
}
