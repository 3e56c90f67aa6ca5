/**
 * Splits a weekly budget over channels to maximise the sum of their expected weekly response,
 * each channel's spend inside [lo, hi]:
 *
 *   maximise sum_c f_c(s_c)  subject to  sum_c s_c = total,  lo_c <= s_c <= hi_c.
 *
 * Hill curves with shape > 1 are S-shaped, so the problem need not be concave and equalising
 * marginal returns alone can stop at a local optimum. The allocation is therefore global first
 * and local second:
 *
 * 1. dynamic programming over the budget above the lower bounds cut into `units` equal steps
 *    (exact for the discretised problem, whatever the curves' shapes);
 * 2. pairwise refinement: for every pair of channels, the best transfer between them (golden
 *    section on a shrinking bracket), repeated until no pair gains, which equalises marginal
 *    returns between channels whose bounds do not bind.
 */
export interface AllocationChannel {
  lo: number;
  hi: number;
  /** expected weekly response to a weekly spend */
  response: (spend: number) => number;
}

export function allocate(channels: readonly AllocationChannel[], total: number, units = 2000): number[] {
  const n = channels.length;
  const sumLo = channels.reduce((s, c) => s + c.lo, 0);
  const sumHi = channels.reduce((s, c) => s + c.hi, 0);
  if (n === 0) return [];
  if (total <= sumLo) return channels.map((c) => c.lo);
  if (total >= sumHi) return channels.map((c) => c.hi);
  const free = total - sumLo;
  const unit = free / units;
  const caps = channels.map((c) => Math.min(units, Math.floor((c.hi - c.lo) / unit + 1e-9)));

  // best[j]: best sum of responses of the channels so far using j units; choice[c][j]: units given to c.
  let best = new Float64Array(units + 1).fill(-Infinity);
  best[0] = 0;
  const choice: Int32Array[] = [];
  for (let c = 0; c < n; c++) {
    const ch = channels[c] as AllocationChannel;
    const cap = caps[c] as number;
    const value = new Float64Array(cap + 1);
    for (let k = 0; k <= cap; k++) value[k] = ch.response(ch.lo + k * unit);
    const next = new Float64Array(units + 1).fill(-Infinity);
    const pick = new Int32Array(units + 1);
    for (let j = 0; j <= units; j++) {
      let bestValue = -Infinity;
      let bestK = 0;
      const kMax = Math.min(cap, j);
      for (let k = 0; k <= kMax; k++) {
        const prev = best[j - k] as number;
        if (prev === -Infinity) continue;
        const v = prev + (value[k] as number);
        if (v > bestValue) {
          bestValue = v;
          bestK = k;
        }
      }
      next[j] = bestValue;
      pick[j] = bestK;
    }
    best = next;
    choice.push(pick);
  }
  // Caps are rounded down, so the full budget may be out of the grid's reach: take the most used.
  let j = units;
  while (j > 0 && best[j] === -Infinity) j--;
  const spend = channels.map((c) => c.lo);
  for (let c = n - 1; c >= 0; c--) {
    const k = (choice[c] as Int32Array)[j] as number;
    spend[c] = (channels[c] as AllocationChannel).lo + k * unit;
    j -= k;
  }
  fillRemainder(channels, spend, total);
  refinePairs(channels, spend, unit * 2);
  return spend;
}

/** Puts the budget the grid could not place into the channels with room, in proportion to it. */
function fillRemainder(channels: readonly AllocationChannel[], spend: number[], total: number): void {
  for (let pass = 0; pass < 3; pass++) {
    const left = total - spend.reduce((s, v) => s + v, 0);
    const room = channels.map((c, i) => (left > 0 ? c.hi - (spend[i] as number) : (spend[i] as number) - c.lo));
    const sumRoom = room.reduce((s, v) => s + Math.max(0, v), 0);
    if (Math.abs(left) <= 1e-12 * Math.max(1, total) || sumRoom <= 0) return;
    spend.forEach((v, i) => {
      const c = channels[i] as AllocationChannel;
      spend[i] = Math.min(c.hi, Math.max(c.lo, v + (left * Math.max(0, room[i] as number)) / sumRoom));
    });
  }
}

const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** Maximises g on [a, b] by golden-section search (g unimodal there, as it is near an optimum). */
function goldenMax(g: (x: number) => number, a: number, b: number, tol: number): number {
  let x1 = b - GOLDEN * (b - a);
  let x2 = a + GOLDEN * (b - a);
  let g1 = g(x1);
  let g2 = g(x2);
  for (let i = 0; i < 200 && b - a > tol; i++) {
    if (g1 < g2) {
      a = x1;
      x1 = x2;
      g1 = g2;
      x2 = a + GOLDEN * (b - a);
      g2 = g(x2);
    } else {
      b = x2;
      x2 = x1;
      g2 = g1;
      x1 = b - GOLDEN * (b - a);
      g1 = g(x1);
    }
  }
  return (a + b) / 2;
}

function refinePairs(channels: readonly AllocationChannel[], spend: number[], reach: number): void {
  const n = channels.length;
  const scale = Math.max(
    1e-12,
    spend.reduce((s, v) => s + v, 0),
  );
  for (let sweep = 0; sweep < 60 && reach > 1e-10 * scale; sweep++) {
    let gained = false;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const ci = channels[i] as AllocationChannel;
        const cj = channels[j] as AllocationChannel;
        const si = spend[i] as number;
        const sj = spend[j] as number;
        // move d from j to i: i stays in [lo_i, hi_i], j in [lo_j, hi_j]
        const dMin = Math.max(ci.lo - si, sj - cj.hi, -reach);
        const dMax = Math.min(ci.hi - si, sj - cj.lo, reach);
        if (!(dMax > dMin)) continue;
        const g = (d: number): number => ci.response(si + d) + cj.response(sj - d);
        const before = g(0);
        const d = goldenMax(g, dMin, dMax, 1e-9 * scale);
        if (g(d) > before + 1e-12 * Math.abs(before)) {
          spend[i] = Math.min(ci.hi, Math.max(ci.lo, si + d));
          spend[j] = Math.min(cj.hi, Math.max(cj.lo, sj - d));
          gained = true;
        }
      }
    }
    if (!gained) reach /= 4;
  }
}
