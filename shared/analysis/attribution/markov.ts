import type { QueryEngine, SqlParam } from '../../engine';
import { fnv1a, type JourneyCache } from './journeys-cache';

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

/** The per-journey state expression for order k: the channel code (order 1) or the last k codes. */
function stateSql(order: number, partition: string, orderBy: string): { select: string; windows: string } {
  if (order === 1) return { select: 'code AS state', windows: '' };
  return {
    select: `array_to_string(list(code) OVER (PARTITION BY ${partition} ORDER BY ${orderBy} ROWS BETWEEN ${order - 1} PRECEDING AND CURRENT ROW), ',') AS state`,
    windows: '',
  };
}

/**
 * Transitions of a set of journeys given as (jid, sort keys, code): each touch's state comes from
 * the one before it (or start), and the journey's last state goes to `end`. One window pass for
 * order 1; order k adds the tuple window. Every row yields its transitions through UNNEST, so the
 * windowed relation is read once.
 */
function transitionsSql(source: string, partition: string, orderBy: string, end: string, order: number): string {
  const state = stateSql(order, partition, orderBy);
  return `WITH s AS (SELECT ${partition} AS jid, ${orderBy.split(',').map((c, i) => `${c.trim()} AS k${i}`).join(', ')}, ${state.select} FROM ${source}),
  w AS (SELECT state, lag(state) OVER win AS prev, lead(state) OVER win AS nxt FROM s WINDOW win AS (PARTITION BY jid ORDER BY ${orderBy.split(',').map((_, i) => `k${i}`).join(', ')}))
  SELECT tr.f AS from_state, tr.t AS to_state, count(*) AS cnt FROM (
    SELECT unnest(CASE WHEN nxt IS NULL THEN [{'f': COALESCE(prev, '${START}'), 't': state}, {'f': state, 't': ${end}}]
                       ELSE [{'f': COALESCE(prev, '${START}'), 't': state}] END) AS tr FROM w)
  GROUP BY ALL`;
}

async function cachedTable(db: QueryEngine, name: string, sql: string, params: readonly SqlParam[] = []): Promise<string> {
  const [exists] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = $1`, [name]);
  if (!exists?.n) await db.run(`CREATE OR REPLACE TEMP TABLE ${name} AS ${sql}`, params);
  return name;
}

/**
 * Transition counts over every journey: the converting paths of the cache, and per customer the
 * touches after their last conversion of this type (all touches where they never converted),
 * kept by `interactions`, each one non-converting journey. States are comma-joined channel codes
 * (channels seen only on non-converting journeys as `x:<name>`). Both halves are cached per
 * order: the non-converting one does not depend on the lookback, so a what-if change never
 * rescans raw touchpoints.
 */
export async function markovTransitions(db: QueryEngine, cache: JourneyCache, conversionType: string, interactions: readonly string[], order: number): Promise<Transition[]> {
  const converting = await cachedTable(
    db,
    `${cache.touch}_mk${order}`,
    transitionsSql(`(SELECT conversion_id, pos, CAST(ch AS VARCHAR) AS code FROM ${cache.touch})`, 'conversion_id', 'pos', `'${CONVERSION}'`, order),
  );
  const nonConverting = await cachedTable(
    db,
    `_mw_attr_${fnv1a(`${cache.fingerprint}|nc`)}_mk${order}`,
    transitionsSql(
      `(SELECT t.customer_id, t.occurred_at, t.touchpoint_id, COALESCE(CAST(k.ch AS VARCHAR), 'x:' || COALESCE(t.channel, '(unknown)')) AS code
        FROM touchpoints t
        LEFT JOIN (SELECT customer_id, max(occurred_at) AS last_at FROM conversions WHERE conversion_type = $1 GROUP BY customer_id) l ON l.customer_id = t.customer_id
        LEFT JOIN ${cache.chan} k ON k.channel = COALESCE(t.channel, '(unknown)')
        WHERE list_contains($2::VARCHAR[], t.interaction) AND t.occurred_at IS NOT NULL AND (l.last_at IS NULL OR t.occurred_at > l.last_at))`,
      'customer_id',
      'occurred_at, touchpoint_id',
      `'${NULL_STATE}'`,
      order,
    ),
    [conversionType, [...interactions]],
  );
  const rows = await db.all<{ from_state: string; to_state: string; cnt: number }>(
    `SELECT from_state, to_state, sum(cnt) AS cnt FROM (SELECT * FROM ${converting} UNION ALL SELECT * FROM ${nonConverting}) GROUP BY ALL`,
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
