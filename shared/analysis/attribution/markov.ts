import type { QueryEngine } from '../../engine';
import { tableExists, type JourneyCache } from './journeys-cache';
import { absorptionProbability, type SparseChain } from './absorbing-chain';

/**
 * Markov-chain attribution with removal effects (SPEC section 3), solved as an absorbing chain
 * (see absorbing-chain.ts), never simulated.
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
 * Transitions of a set of journeys given as (jid, pos, code): each touch's state comes from the
 * one before it (or start), and the journey's last state goes to `end`. Every row yields its
 * transitions through UNNEST, so the windowed relation is read once.
 */
function transitionsSql(source: string, end: string, order: number): string {
  const state =
    order === 1 ? 'code' : `array_to_string(list(code) OVER (PARTITION BY jid ORDER BY pos ROWS BETWEEN ${order - 1} PRECEDING AND CURRENT ROW), ',')`;
  return `WITH s AS (SELECT jid, pos, ${state} AS state FROM ${source}),
  w AS (SELECT state, lag(state) OVER win AS prev, lead(state) OVER win AS nxt FROM s WINDOW win AS (PARTITION BY jid ORDER BY pos))
  SELECT tr.f AS from_state, tr.t AS to_state, count(*) AS cnt FROM (
    SELECT unnest(CASE WHEN nxt IS NULL THEN [{'f': COALESCE(prev, '${START}'), 't': state}, {'f': state, 't': ${end}}]
                       ELSE [{'f': COALESCE(prev, '${START}'), 't': state}] END) AS tr FROM w)
  GROUP BY ALL`;
}

/**
 * The non-converting journeys, once per (conversion type, interactions, data): per customer the
 * touches kept by `interactions` after their last conversion of the type (all their touches
 * where they never converted), numbered by (occurred_at, touchpoint_id). They do not depend on
 * the lookback, so a lookback change never rescans raw touchpoints for them.
 */
async function nonConvertingSteps(db: QueryEngine, cache: JourneyCache): Promise<string> {
  const name = `${cache.source}_ncsteps`;
  if (await tableExists(db, name)) return name;
  await db.run(
    `CREATE OR REPLACE TEMP TABLE ${name} AS
     SELECT t.customer_id AS jid, row_number() OVER (PARTITION BY t.customer_id ORDER BY t.occurred_at, t.touchpoint_id) AS pos, CAST(k.ch AS VARCHAR) AS code
     FROM touchpoints t
     JOIN ${cache.chan} k ON k.channel = COALESCE(t.channel, '(unknown)')
     LEFT JOIN (SELECT customer_id, max(occurred_at) AS last_at FROM conversions WHERE conversion_type = $1 GROUP BY customer_id) l ON l.customer_id = t.customer_id
     WHERE list_contains($2::VARCHAR[], t.interaction) AND t.occurred_at IS NOT NULL AND (l.last_at IS NULL OR t.occurred_at > l.last_at)`,
    [cache.conversionType, cache.interactions],
  );
  return name;
}

async function cachedTable(db: QueryEngine, name: string, sql: string): Promise<string> {
  if (!(await tableExists(db, name))) await db.run(`CREATE OR REPLACE TEMP TABLE ${name} AS ${sql}`);
  return name;
}

/**
 * Transition counts over every journey (converting: the cache's paths; non-converting: see
 * nonConvertingSteps). States are comma-joined channel codes of `cache.chan`. Both halves are
 * cached per order.
 */
export async function markovTransitions(db: QueryEngine, cache: JourneyCache, order: number): Promise<Transition[]> {
  const converting = await cachedTable(
    db,
    `${cache.touch}_mk${order}`,
    transitionsSql(`(SELECT conversion_id AS jid, pos, CAST(ch AS VARCHAR) AS code FROM ${cache.touch})`, `'${CONVERSION}'`, order),
  );
  const steps = await nonConvertingSteps(db, cache);
  const nonConverting = await cachedTable(db, `${cache.source}_nc_mk${order}`, transitionsSql(steps, `'${NULL_STATE}'`, order));
  const rows = await db.all<{ from_state: string; to_state: string; cnt: number }>(
    `SELECT from_state, to_state, sum(cnt) AS cnt FROM (SELECT * FROM ${converting} UNION ALL SELECT * FROM ${nonConverting}) GROUP BY ALL ORDER BY ALL`,
  );
  return rows.map((r) => ({ from: r.from_state, to: r.to_state, count: r.cnt }));
}

const isChannelState = (s: string): boolean => s !== START && s !== CONVERSION && s !== NULL_STATE;

/** The chain with the states for which `removed(state)` is true cut off (their in-flows go to null). */
function chainOf(transitions: readonly Transition[], removed: (state: string) => boolean): SparseChain {
  const index = new Map<string, number>([[START, 0]]);
  const id = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = index.size;
      index.set(s, i);
    }
    return i;
  };
  const outTotal = new Map<string, number>();
  for (const t of transitions) outTotal.set(t.from, (outTotal.get(t.from) ?? 0) + t.count);
  const edges: { from: number; to: number; p: number }[] = [];
  const absorb: { from: number; p: number }[] = [];
  for (const t of transitions) {
    if (removed(t.from)) continue;
    const p = t.count / outTotal.get(t.from)!;
    const from = id(t.from);
    if (t.to === CONVERSION) absorb.push({ from, p });
    else if (t.to !== NULL_STATE && !removed(t.to)) edges.push({ from, to: id(t.to), p });
  }
  return { size: index.size, edges, absorb };
}

/** P(reach conversion from start), with the states for which `removed(state)` is true cut off. */
export function conversionProbability(transitions: readonly Transition[], removed: (state: string) => boolean = () => false): number {
  return absorptionProbability(chainOf(transitions, removed), 0);
}

/**
 * Removal effect per channel code: 1 - P(conversion | c removed) / P(conversion), for every
 * channel of any journey (converting or not). Returns an empty map where P(conversion) is 0.
 */
export function removalEffects(transitions: readonly Transition[]): Map<string, number> {
  const base = conversionProbability(transitions);
  const channels = new Set<string>();
  for (const t of transitions) for (const s of [t.from, t.to]) if (isChannelState(s)) for (const c of s.split(',')) channels.add(c);
  const effects = new Map<string, number>();
  if (!(base > 0)) return effects;
  for (const c of [...channels].sort()) {
    const without = conversionProbability(transitions, (state) => isChannelState(state) && state.split(',').includes(c));
    effects.set(c, Math.max(0, 1 - without / base));
  }
  return effects;
}
