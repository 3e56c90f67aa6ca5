import type { QueryEngine } from '../../engine';
import type { JourneyCache } from './journeys-cache';

/**
 * Markov-chain attribution with removal effects (SPEC section 3), solved exactly as an
 * absorbing chain (Gaussian elimination), never simulated.
 *
 * Order k: a state is the tuple of the last k channels of the journey so far (shorter at the
 * start: for order 2, `a` then `a,b` then `b,c` ...). Removing channel c sends every transition
 * into a state that contains c to `null`. Order 1 is the plain channel chain.
 */
export const START = '(start)';
export const CONVERSION = '(conversion)';
export const NULL_STATE = '(null)';

export interface Transition {
  from: string;
  to: string;
  count: number;
}

/**
 * Transition counts over every journey: the converting paths of the cache, and per customer the
 * touches after their last conversion of this type (all touches where they never converted),
 * kept by `interactions`, each one non-converting journey. States are comma-joined channel codes.
 */
export async function markovTransitions(db: QueryEngine, cache: JourneyCache, conversionType: string, interactions: readonly string[], order: number): Promise<Transition[]> {
  const span = order - 1;
  const rows = await db.all<{ from_state: string; to_state: string; cnt: number }>(
    `WITH chan AS (SELECT ch, channel FROM ${cache.chan}),
     lastc AS (SELECT customer_id, max(occurred_at) AS last_at FROM conversions WHERE conversion_type = $1 GROUP BY customer_id),
     nc_raw AS (
       SELECT t.customer_id AS jid, COALESCE(t.channel, '(unknown)') AS channel,
              row_number() OVER (PARTITION BY t.customer_id ORDER BY t.occurred_at, t.touchpoint_id) AS pos,
              count(*) OVER (PARTITION BY t.customer_id) AS n
       FROM touchpoints t LEFT JOIN lastc l ON l.customer_id = t.customer_id
       WHERE list_contains($2::VARCHAR[], t.interaction) AND t.occurred_at IS NOT NULL
         AND (l.last_at IS NULL OR t.occurred_at > l.last_at)
     ),
     journeys AS (
       SELECT 'c' || conversion_id AS jid, pos, n, CAST(ch AS VARCHAR) AS code, TRUE AS converted FROM ${cache.touch}
       UNION ALL
       SELECT 'n' || jid, pos, n, COALESCE(CAST(k.ch AS VARCHAR), 'x:' || r.channel), FALSE FROM nc_raw r LEFT JOIN chan k USING (channel)
     ),
     states AS (
       SELECT jid, pos, n, converted,
              string_agg(code, ',') OVER (PARTITION BY jid ORDER BY pos ROWS BETWEEN ${span} PRECEDING AND CURRENT ROW) AS state
       FROM journeys
     ),
     steps AS (
       SELECT COALESCE(lag(state) OVER (PARTITION BY jid ORDER BY pos), '${START}') AS from_state, state AS to_state FROM states
       UNION ALL
       SELECT state, CASE WHEN converted THEN '${CONVERSION}' ELSE '${NULL_STATE}' END FROM states WHERE pos = n
     )
     SELECT from_state, to_state, count(*) AS cnt FROM steps GROUP BY ALL`,
    [conversionType, [...interactions]],
  );
  return rows.map((r) => ({ from: r.from_state, to: r.to_state, count: r.cnt }));
}

/** P(reach conversion from start), with the states for which `removed(state)` is true cut off. */
export function conversionProbability(transitions: readonly Transition[], removed: (state: string) => boolean = () => false): number {
  const transient = new Map<string, number>();
  const index = (s: string) => {
    let i = transient.get(s);
    if (i === undefined) {
      i = transient.size;
      transient.set(s, i);
    }
    return i;
  };
  index(START);
  for (const t of transitions) {
    if (t.from !== START && !removed(t.from)) index(t.from);
    if (t.to !== CONVERSION && t.to !== NULL_STATE && !removed(t.to)) index(t.to);
  }
  const size = transient.size;
  const out = new Float64Array(size);
  for (const t of transitions) if (!removed(t.from)) out[index(t.from)]! += t.count;
  // (I - Q) x = r, dense; rows of removed or unreached states stay identity (x = 0).
  const a = Array.from({ length: size }, (_, i) => {
    const row = new Float64Array(size + 1);
    row[i] = 1;
    return row;
  });
  for (const t of transitions) {
    if (removed(t.from)) continue;
    const i = index(t.from);
    const total = out[i]!;
    if (total === 0) continue;
    const p = t.count / total;
    if (t.to === CONVERSION) a[i]![size]! += p;
    else if (t.to === NULL_STATE || removed(t.to)) continue;
    else a[i]![index(t.to)]! -= p;
  }
  return solve(a, size)[transient.get(START)!]!;
}

/** Gaussian elimination with partial pivoting on an augmented matrix. */
function solve(a: Float64Array[], n: number): Float64Array {
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (pivot !== col) [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]![col]!;
    if (Math.abs(p) < 1e-300) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r]![col]! / p;
      if (f === 0) continue;
      const row = a[r]!;
      const pr = a[col]!;
      for (let c = col; c <= n; c++) row[c]! -= f * pr[c]!;
    }
  }
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.abs(a[i]![i]!) < 1e-300 ? 0 : a[i]![n]! / a[i]![i]!;
  return x;
}

/**
 * Removal effect per channel code: 1 - P(conversion | c removed) / P(conversion).
 * Channels of non-converting journeys only (never on a converting path) are included, with
 * effect 0. Returns an empty map where P(conversion) is 0.
 */
export function removalEffects(transitions: readonly Transition[]): Map<string, number> {
  const base = conversionProbability(transitions);
  const channels = new Set<string>();
  for (const t of transitions) for (const s of [t.from, t.to]) if (s !== START && s !== CONVERSION && s !== NULL_STATE) for (const c of s.split(',')) channels.add(c);
  const effects = new Map<string, number>();
  if (!(base > 0)) return effects;
  for (const c of channels) {
    const without = conversionProbability(transitions, (state) => state !== START && state !== CONVERSION && state !== NULL_STATE && state.split(',').includes(c));
    effects.set(c, Math.max(0, 1 - without / base));
  }
  return effects;
}
