/**
 * The Markov removal-effect computation as it was before issue #18 (string states, the chain
 * rebuilt per removal, `state.split(',').includes(c)` per transition), kept only so that
 * bench/markov-bench.ts can print today's figure beside it and check both give the same answer.
 * Not used by the application.
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
