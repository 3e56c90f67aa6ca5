import { describe, expect, it } from 'vitest';
import { CONVERSION, NULL_STATE, removalEffects, START, type Transition } from './markov';

const t = (from: string, to: string, count: number): Transition => ({ from, to, count });

/**
 * Transition counts of deterministic pseudo-random journeys (LCG), built the way
 * markovTransitions names states: the comma-joined codes of the last `order` touches. Low codes
 * are drawn more often and convert more often, so the removal effects differ by channel.
 */
function syntheticTransitions(channels: number, order: number, journeys: number, seed: number): Transition[] {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const counts = new Map<string, number>();
  const add = (from: string, to: string) => counts.set(`${from}\u0000${to}`, (counts.get(`${from}\u0000${to}`) ?? 0) + 1);
  for (let j = 0; j < journeys; j++) {
    const len = 1 + Math.floor(-Math.log(1 - rnd()) * 3);
    const path: number[] = [];
    for (let i = 0; i < len; i++) path.push(Math.floor(rnd() ** 1.5 * channels));
    const low = path.filter((c) => c < channels / 3).length / len;
    const converted = rnd() < 0.15 + 0.5 * low;
    let prev = START;
    for (let i = 0; i < len; i++) {
      const state = path.slice(Math.max(0, i + 1 - order), i + 1).join(',');
      add(prev, state);
      prev = state;
    }
    add(prev, converted ? CONVERSION : NULL_STATE);
  }
  return [...counts]
    .map(([key, count]) => {
      const [from, to] = key.split('\u0000') as [string, string];
      return { from, to, count };
    })
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
}

/**
 * Removal effects pinned from the string-keyed implementation that rebuilt the chain per removal
 * (before issue #18's rewrite), whose answers matched an independent linear solve to 1e-11. The
 * cases cover both solvers: 12 channels order 2 (156 states, direct), 8 channels order 3 (577,
 * iterative), 16 channels order 2 (272 states iterative, 240 per removal direct), 20 channels
 * order 2 (420, iterative throughout).
 */
const PINNED: { channels: number; order: number; journeys: number; seed: number; states: number; effects: Record<string, number> }[] = [
  {
    channels: 12,
    order: 2,
    journeys: 4000,
    seed: 11,
    states: 156,
    effects: {
      0: 0.5089985734803236,
      1: 0.3461490861172889,
      10: 0.1685012454206376,
      11: 0.1510941178706552,
      2: 0.3039784660280712,
      3: 0.2925625230104214,
      4: 0.212414775739166,
      5: 0.19410039380933675,
      6: 0.1758698594164425,
      7: 0.1729634252980803,
      8: 0.16713317155297658,
      9: 0.16806287830232303,
    },
  },
  {
    channels: 8,
    order: 3,
    journeys: 4000,
    seed: 12,
    states: 577,
    effects: {
      0: 0.6246697676732325,
      1: 0.4352655783498006,
      2: 0.3963899015949345,
      3: 0.2701813530325564,
      4: 0.23146563867048298,
      5: 0.2304628413912485,
      6: 0.22791573042516888,
      7: 0.22672572369223187,
    },
  },
  {
    channels: 16,
    order: 2,
    journeys: 6000,
    seed: 13,
    states: 272,
    effects: {
      0: 0.4430535212383415,
      1: 0.30251961171324326,
      10: 0.12483602200173338,
      11: 0.13246085332247715,
      12: 0.13468142627712232,
      13: 0.1210052521966768,
      14: 0.12472746427693238,
      15: 0.12212781777204951,
      2: 0.2437101057029959,
      3: 0.23505965176486976,
      4: 0.2366087042257503,
      5: 0.2017865533323946,
      6: 0.1624497232673211,
      7: 0.15440900914753664,
      8: 0.13668060415513383,
      9: 0.1373431219899972,
    },
  },
  {
    channels: 20,
    order: 2,
    journeys: 8000,
    seed: 14,
    states: 420,
    effects: {
      0: 0.4107644770005142,
      1: 0.2762215391631877,
      10: 0.10626397073932625,
      11: 0.11600617082982179,
      12: 0.10842165850707342,
      13: 0.09976042066282764,
      14: 0.11430798187937274,
      15: 0.11013680353816246,
      16: 0.10521627140437884,
      17: 0.09818212737883147,
      18: 0.10753952787483612,
      19: 0.09585199386195076,
      2: 0.21517549582855422,
      3: 0.19831439866429945,
      4: 0.1924891486494742,
      5: 0.19808243665768654,
      6: 0.17923363108809232,
      7: 0.12901188678058795,
      8: 0.13623907855732276,
      9: 0.11604616496451847,
    },
  },
];

describe('markov removal effects', () => {
  it('gives the worked example its hand-computed effects (google ads 3/4, mailing 1/2)', () => {
    // Journeys g, g, m, g > m converting, g not: P = 4/5 (3/4) + 1/5 = 4/5; without g 1/5; without m 2/5.
    const effects = removalEffects([t(START, 'g', 4), t(START, 'm', 1), t('g', CONVERSION, 2), t('g', 'm', 1), t('g', NULL_STATE, 1), t('m', CONVERSION, 2)]);
    expect([...effects.keys()]).toEqual(['g', 'm']);
    expect(effects.get('g')).toBeCloseTo(3 / 4, 14);
    expect(effects.get('m')).toBeCloseTo(1 / 2, 14);
  });

  it('removes every tuple state holding the channel at order 2 (a 1/2, b 1)', () => {
    // start -> a -> a,b -> conversion; start -> b -> conversion; start -> a -> null.
    const effects = removalEffects([
      t(START, 'a', 2),
      t(START, 'b', 1),
      t('a', 'a,b', 1),
      t('a', NULL_STATE, 1),
      t('a,b', CONVERSION, 1),
      t('b', CONVERSION, 1),
    ]);
    expect(effects.get('a')).toBeCloseTo(1 / 2, 14);
    expect(effects.get('b')).toBeCloseTo(1, 14);
  });

  it('gives a channel seen only on non-converting journeys effect 0 and keeps it listed', () => {
    // e converts (1/2); d never does: removing d leaves P = 1/2.
    const effects = removalEffects([t(START, 'e', 1), t(START, 'd', 1), t('e', CONVERSION, 1), t('d', NULL_STATE, 1)]);
    expect(effects.get('e')).toBeCloseTo(1, 14);
    expect(effects.get('d')).toBe(0);
  });

  it('solves a cycle exactly (a <-> b with leaks)', () => {
    // x_a = 1/2 x_b + 1/4, x_b = 1/2 x_a => x_a = 1/3; removing b: x_a = 1/4, effect 1/4.
    const effects = removalEffects([t(START, 'a', 1), t('a', 'b', 2), t('a', CONVERSION, 1), t('a', NULL_STATE, 1), t('b', 'a', 1), t('b', NULL_STATE, 1)]);
    expect(effects.get('a')).toBeCloseTo(1, 14);
    expect(effects.get('b')).toBeCloseTo(1 / 4, 14);
  });

  it('returns no effects when nothing converts, and none for no transitions', () => {
    expect(removalEffects([t(START, 'a', 3), t('a', NULL_STATE, 3)]).size).toBe(0);
    expect(removalEffects([]).size).toBe(0);
  });

  for (const c of PINNED) {
    it(`keeps the pinned effects to 1e-11: ${c.channels} channels, order ${c.order} (${c.states} states)`, () => {
      const transitions = syntheticTransitions(c.channels, c.order, c.journeys, c.seed);
      const states = new Set(transitions.flatMap((x) => [x.from, x.to]));
      expect(states.size - 3).toBe(c.states);
      const effects = removalEffects(transitions);
      expect([...effects.keys()]).toEqual(Object.keys(c.effects).sort());
      for (const [code, pinned] of Object.entries(c.effects)) expect(Math.abs(effects.get(code)! - pinned)).toBeLessThanOrEqual(1e-11 * pinned);
      // Credits are the effects normalised: pinned shares follow to the same precision.
      const sum = [...effects.values()].reduce((a, b) => a + b, 0);
      const pinnedSum = Object.values(c.effects).reduce((a, b) => a + b, 0);
      for (const [code, pinned] of Object.entries(c.effects))
        expect(Math.abs(effects.get(code)! / sum - pinned / pinnedSum)).toBeLessThanOrEqual(1e-11 * (pinned / pinnedSum));
    });
  }
});
