/**
 * The Markov removal-effect computation as it was before issue #18 (string states, the chain
 * rebuilt per removal, `state.split(',').includes(c)` per transition), kept only so that
 * bench/markov-bench.ts can print today's figure beside it and check both give the same answer.
 * Not used by the application. Also the string-keyed transition counting of markovTransitions.
 */
import { absorptionProbabilityBaseline, type BaselineChain } from './markov-baseline-solver';

interface Transition {
  from: string;
  to: string;
  count: number;
}

const START = '(start)';
const CONVERSION = '(conversion)';
const NULL_STATE = '(null)';
const isChannelState = (s: string): boolean => s !== START && s !== CONVERSION && s !== NULL_STATE;

function chainOf(transitions: readonly Transition[], removed: (state: string) => boolean): BaselineChain {
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

function conversionProbability(transitions: readonly Transition[], removed: (state: string) => boolean = () => false): number {
  return absorptionProbabilityBaseline(chainOf(transitions, removed), 0);
}

export function removalEffectsBaseline(transitions: readonly Transition[]): Map<string, number> {
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

/** A 4-gram row as markovTransitions reads it (see gramsSql in shared/analysis/attribution/markov.ts). */
export interface GramRow {
  l3: number | null;
  l2: number | null;
  l1: number | null;
  ch: number;
  last: boolean;
  cnt: number;
}

function stateOf(before: (number | null)[], order: number): string {
  const known = before.filter((c): c is number => c !== null);
  return known.slice(Math.max(0, known.length - order)).join(',');
}

function addTransitions(into: Map<string, number>, rows: readonly GramRow[], order: number, end: string): void {
  const add = (from: string, to: string, n: number) => {
    const key = `${from}\u0000${to}`;
    into.set(key, (into.get(key) ?? 0) + n);
  };
  for (const g of rows) {
    const history = [g.l3, g.l2, g.l1];
    const prev = g.l1 === null ? START : stateOf(history, order);
    const state = stateOf([...history, g.ch], order);
    add(prev, state, g.cnt);
    if (g.last) add(state, end, g.cnt);
  }
}

/** markovTransitions' TypeScript part before issue #18: string keys, one sort of every transition. */
export function transitionsBaseline(converting: readonly GramRow[], nonConverting: readonly GramRow[], order: number): Transition[] {
  const counts = new Map<string, number>();
  addTransitions(counts, converting, order, CONVERSION);
  addTransitions(counts, nonConverting, order, NULL_STATE);
  return [...counts.entries()]
    .map(([key, count]) => {
      const [from, to] = key.split('\u0000') as [string, string];
      return { from, to, count };
    })
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
}
