import type { QueryEngine } from '../../engine';
import { execute, ident, queryRows, raw, sql, type Sql } from '../sql';
import { tableExists, type JourneyCache } from './journeys-cache';
import { ensureNonConverting } from './non-converting-journeys';
import { maskedAbsorptionProbabilities, maskedAbsorptionProbability, type CompactChain } from './absorbing-chain';

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
 * Each touch's context as a 4-gram: the codes of the up to three touches before it in its
 * journey (NULL before the journey's start), its own code and whether it ends the journey,
 * counted. Every order's transitions (1..3) follow from these counts, so one window pass over a
 * journey set serves all orders and the rest is a few thousand rows in TypeScript.
 */
function gramsSql(source: Sql, partition: string, orderBy: string): Sql {
  // The window is fixed text chosen by the callers below (column names of the journey tables).
  const win = raw(`(PARTITION BY ${partition} ORDER BY ${orderBy})`);
  return sql`SELECT l3, l2, l1, ch, last, count(*) AS cnt FROM (
    SELECT lag(ch, 3) OVER ${win} AS l3, lag(ch, 2) OVER ${win} AS l2, lag(ch, 1) OVER ${win} AS l1, ch,
           lead(ch) OVER ${win} IS NULL AS last
    FROM ${source}) GROUP BY ALL`;
}

type Gram = {
  l3: number | null;
  l2: number | null;
  l1: number | null;
  ch: number;
  last: boolean;
  cnt: number;
};

async function grams(db: QueryEngine, name: string, query: Sql): Promise<Gram[]> {
  if (!(await tableExists(db, name))) await execute(db, sql`CREATE OR REPLACE TEMP TABLE ${ident(name)} AS ${query}`);
  return queryRows<Gram>(db, sql`SELECT l3, l2, l1, ch, last, cnt FROM ${ident(name)}`);
}

/** The non-converting 4-grams, once per (conversion type, interactions, data): non-converting-journeys.ts. */
async function nonConvertingGrams(db: QueryEngine, cache: JourneyCache): Promise<Gram[]> {
  const { grams: name } = await ensureNonConverting(db, cache);
  return queryRows<Gram>(db, sql`SELECT l3, l2, l1, ch, last, cnt FROM ${ident(name)}`);
}

/**
 * Transition counts keyed by integers, not strings: a state is the number with digit `code + 1`
 * in base `base` per channel, the latest touch lowest (0 is start; -1 conversion, -2 null), so a
 * gram row costs no string building. Names are made once per distinct state, and the list is
 * sorted once per distinct state name, not once per transition.
 */
class TransitionCounts {
  private readonly rows = new Map<number, Map<number, number>>();
  private readonly names = new Map<number, string>([
    [0, START],
    [-1, CONVERSION],
    [-2, NULL_STATE],
  ]);

  constructor(
    private readonly order: number,
    private readonly base: number,
  ) {}

  /** The state of the last `order` codes of `codes` (oldest first; leading nulls = before the journey's start). */
  private state(codes: readonly (number | null)[]): number {
    let key = 0;
    let scale = 1;
    let taken = 0;
    for (let i = codes.length - 1; i >= 0 && taken < this.order; i--, taken++) {
      const c = codes[i];
      // Lags are NULL only before the start of a journey, so the non-null ones are contiguous.
      if (c === null || c === undefined) break;
      key += (c + 1) * scale;
      scale *= this.base;
    }
    if (!this.names.has(key)) {
      const known = codes.filter((c): c is number => c !== null);
      this.names.set(key, known.slice(Math.max(0, known.length - this.order)).join(','));
    }
    return key;
  }

  private add(from: number, to: number, n: number): void {
    let row = this.rows.get(from);
    if (row === undefined) this.rows.set(from, (row = new Map()));
    row.set(to, (row.get(to) ?? 0) + n);
  }

  addGrams(rows: readonly Gram[], end: -1 | -2): void {
    for (const g of rows) {
      const prev = g.l1 === null ? 0 : this.state([g.l3, g.l2, g.l1]);
      const state = this.state([g.l3, g.l2, g.l1, g.ch]);
      this.add(prev, state, g.cnt);
      if (g.last) this.add(state, end, g.cnt);
    }
  }

  /** Sorted by (from, to) name, as plain string comparison orders them. */
  list(): Transition[] {
    const byName = (a: [string, number], b: [string, number]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    const out: Transition[] = [];
    const froms = [...this.rows.keys()].map((k): [string, number] => [this.names.get(k)!, k]).sort(byName);
    for (const [from, key] of froms) {
      const row = this.rows.get(key)!;
      const tos = [...row.keys()].map((k): [string, number] => [this.names.get(k)!, k]).sort(byName);
      for (const [to, k] of tos) out.push({ from, to, count: row.get(k)! });
    }
    return out;
  }
}

/** One more than the largest channel code of the rows (the digit base of TransitionCounts). */
function digitBase(...sets: readonly (readonly Gram[])[]): number {
  let max = 0;
  for (const rows of sets) for (const g of rows) if (g.ch > max) max = g.ch;
  return max + 2;
}

/**
 * Transition counts over every journey (converting: the cache's paths; non-converting: see
 * non-converting-journeys.ts). States are comma-joined channel codes of `cache.chan`. The 4-gram counts
 * of both halves are cached; the non-converting ones once per source data, whatever the lookback.
 */
export async function markovTransitions(db: QueryEngine, cache: JourneyCache, order: number): Promise<Transition[]> {
  const converting = await grams(db, `${cache.touch}_grams`, gramsSql(ident(cache.touch), 'cid', 'pos'));
  const nonConverting = await nonConvertingGrams(db, cache);
  const counts = new TransitionCounts(order, digitBase(converting, nonConverting));
  counts.addGrams(converting, -1);
  counts.addGrams(nonConverting, -2);
  return counts.list();
}

const isChannelState = (s: string): boolean => s !== START && s !== CONVERSION && s !== NULL_STATE;

/**
 * The chain of a transition list, built once: state ids in order of first appearance (start is
 * 0), probabilities in compressed rows, and per channel code (sorted) the ids of the states
 * that contain it. A removal is then a mask over state ids, never a rebuilt chain.
 */
interface MarkovChain {
  chain: CompactChain;
  /** Every channel state's name by id (index 0 is START). */
  states: string[];
  channels: string[];
  /** members[c] holds the ids of the states that contain channels[c]. */
  members: Int32Array[];
}

function buildChain(transitions: readonly Transition[]): MarkovChain {
  const index = new Map<string, number>([[START, 0]]);
  const states = [START];
  const id = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = states.length;
      index.set(s, i);
      states.push(s);
    }
    return i;
  };
  // Ids in the order the per-removal rebuild assigned them (from, then to), so the sweep order
  // of Gauss-Seidel is the same as before. Each name is looked up once per transition (the list
  // is sorted by `from`, so a run of the same `from` costs one lookup); -1 is conversion, -2 null.
  const m = transitions.length;
  const fromId = new Int32Array(m);
  const toId = new Int32Array(m);
  let lastFrom: string | undefined;
  let lastId = -1;
  for (let k = 0; k < m; k++) {
    const t = transitions[k]!;
    if (t.from !== lastFrom) {
      lastFrom = t.from;
      lastId = id(t.from);
    }
    fromId[k] = lastId;
    toId[k] = t.to === CONVERSION ? -1 : t.to === NULL_STATE ? -2 : id(t.to);
  }
  const n = states.length;
  const outTotal = new Float64Array(n);
  const rowStart = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) {
    outTotal[fromId[k]!]! += transitions[k]!.count;
    if (toId[k]! >= 0) rowStart[fromId[k]! + 1]!++;
  }
  for (let i = 0; i < n; i++) rowStart[i + 1]! += rowStart[i]!;
  const fill = rowStart.slice(0, n);
  const to = new Int32Array(rowStart[n]!);
  const p = new Float64Array(rowStart[n]!);
  const absorb = new Float64Array(n);
  for (let k = 0; k < m; k++) {
    const from = fromId[k]!;
    const q = transitions[k]!.count / outTotal[from]!;
    if (toId[k] === -1) absorb[from]! += q;
    else if (toId[k]! >= 0) {
      const e = fill[from]!++;
      to[e] = toId[k]!;
      p[e] = q;
    }
  }
  // Each state's name is split once, here, not once per removal and transition.
  const byChannel = new Map<string, number[]>();
  for (let i = 1; i < n; i++) {
    for (const c of new Set(states[i]!.split(','))) {
      let list = byChannel.get(c);
      if (list === undefined) byChannel.set(c, (list = []));
      list.push(i);
    }
  }
  const channels = [...byChannel.keys()].sort();
  return { chain: { size: n, rowStart, to, p, absorb }, states, channels, members: channels.map((c) => Int32Array.from(byChannel.get(c)!)) };
}

/** P(reach conversion from start), with the states for which `removed(state)` is true cut off. */
export function conversionProbability(transitions: readonly Transition[], removed: (state: string) => boolean = () => false): number {
  const { chain, states } = buildChain(transitions);
  const mask = Uint8Array.from(states, (s) => (isChannelState(s) && removed(s) ? 1 : 0));
  return maskedAbsorptionProbability(chain, 0, mask);
}

/**
 * Removal effect per channel code: 1 - P(conversion | c removed) / P(conversion), for every
 * channel of any journey (converting or not). Returns an empty map where P(conversion) is 0.
 * The chain is built once; removing c masks the states that contain c (transitions into them
 * go to null), and the same compressed rows are solved under each mask.
 */
export function removalEffects(transitions: readonly Transition[]): Map<string, number> {
  const { chain, channels, members } = buildChain(transitions);
  const effects = new Map<string, number>();
  // One mask per channel (plus none for the base), solved together: the systems share the rows.
  const masks: (Uint8Array | null)[] = [null];
  for (const states of members) {
    const mask = new Uint8Array(chain.size);
    for (const i of states) mask[i] = 1;
    masks.push(mask);
  }
  const [base, ...without] = maskedAbsorptionProbabilities(chain, 0, masks);
  if (!(base! > 0)) return effects;
  channels.forEach((c, k) => effects.set(c, Math.max(0, 1 - without[k]! / base!)));
  return effects;
}
