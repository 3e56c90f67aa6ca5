import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDbEngine } from '../../../main/engine/duckdb-engine';
import { attributionDb, type Conversion, type Touch } from '../../../main/analysis/testing/attribution-test-data';
import { attributionSpecSchema, type AttributionSpec } from '../../specs/attribution-spec';
import { runAttribution } from './run-attribution';

/**
 * A literal reading of SPEC section 3, written independently of the SQL (paths by filtering and
 * sorting arrays, Markov by value iteration), compared with runAttribution on random data with
 * timestamp ties, NULL channels and revenue, touches on the lookback edge and at the conversion
 * instant, touches after conversions, other conversion types and interactions.
 */
const DAY = 86_400_000;
const CHANNELS = ['direct', 'email', 'paid_search', 'display', null];
const INTERACTIONS = ['impression', 'click', 'visit', 'open'];

function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const fmt = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
const parse = (s: string) => Date.parse(`${s.replace(' ', 'T')}Z`);

function dataset(seed: number): { touches: Touch[]; conversions: Conversion[] } {
  const rnd = lcg(seed);
  const base = Date.UTC(2026, 5, 1);
  const conversions: Conversion[] = [];
  const touches: Touch[] = [];
  for (let c = 0; c < 14; c++) {
    const customer = `c${c}`;
    const convTimes: number[] = [];
    const nConv = Math.floor(rnd() * 3);
    for (let k = 0; k < nConv; k++) {
      const at = base + Math.floor(rnd() * 40) * DAY + Math.floor(rnd() * 4) * 3_600_000;
      convTimes.push(at);
      conversions.push({
        id: `p${c}_${k}`,
        customer,
        at: fmt(at),
        type: rnd() < 0.8 ? 'purchase' : 'signup',
        revenue: rnd() < 0.2 ? null : Math.floor(rnd() * 100),
      });
    }
    const nTouch = Math.floor(rnd() * 9);
    for (let k = 0; k < nTouch; k++) {
      let at = base - 10 * DAY + Math.floor(rnd() * 50) * DAY + Math.floor(rnd() * 4) * 3_600_000;
      // Exactly on a lookback edge, at a conversion instant, or tied with the previous touch.
      const r = rnd();
      if (convTimes.length > 0 && r < 0.15) at = convTimes[0]! - 7 * DAY;
      else if (convTimes.length > 0 && r < 0.3) at = convTimes[0]!;
      else if (touches.length > 0 && touches.at(-1)!.customer === customer && r < 0.45) at = parse(touches.at(-1)!.at);
      touches.push({
        id: `t${String(Math.floor(rnd() * 1000)).padStart(3, '0')}_${c}_${k}`,
        customer,
        at: fmt(at),
        channel: CHANNELS[Math.floor(rnd() * CHANNELS.length)]!,
        interaction: INTERACTIONS[Math.floor(rnd() * 4)]!,
      });
    }
  }
  return { touches, conversions };
}

type Credit = Map<string, [number, number]>;

function reference(spec: AttributionSpec, touches: Touch[], conversions: Conversion[]): { conversions: number; revenue: number; models: Credit[] } {
  const kept = touches
    .filter((t) => spec.interactions.includes((t.interaction ?? 'click') as never))
    .map((t) => ({ id: t.id, customer: t.customer, at: parse(t.at), channel: t.channel ?? '(unknown)' }))
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const convs = conversions
    .filter((c) => (c.type ?? 'purchase') === spec.conversion_type)
    .map((c) => ({ customer: c.customer, at: parse(c.at), revenue: c.revenue ?? 0 }));
  const paths = convs.map((c) => ({ c, path: kept.filter((t) => t.customer === c.customer && t.at <= c.at && t.at >= c.at - spec.lookback_days * DAY) }));
  const total = { conversions: convs.length, revenue: convs.reduce((a, c) => a + c.revenue, 0) };
  const models = spec.models.map((model) => {
    const credit: Credit = new Map();
    const give = (ch: string, share: number, revenue: number) => {
      const e = credit.get(ch) ?? [0, 0];
      credit.set(ch, [e[0] + share, e[1] + share * revenue]);
    };
    const attributed = paths.filter((p) => p.path.length > 0);
    for (const { c, path } of paths) if (path.length === 0) give('(unattributed)', 1, c.revenue);
    if (model.model === 'markov') {
      const journeys: { steps: string[]; end: string }[] = attributed.map((p) => ({ steps: p.path.map((t) => t.channel), end: 'conv' }));
      for (const customer of new Set(kept.map((t) => t.customer))) {
        const last = Math.max(-Infinity, ...convs.filter((c) => c.customer === customer).map((c) => c.at));
        const rest = kept.filter((t) => t.customer === customer && t.at > last);
        if (rest.length > 0) journeys.push({ steps: rest.map((t) => t.channel), end: 'null' });
      }
      const counts = new Map<string, Map<string, number>>();
      for (const j of journeys) {
        const seq = ['start', ...j.steps, j.end];
        for (let i = 0; i + 1 < seq.length; i++) {
          const row = counts.get(seq[i]!) ?? new Map<string, number>();
          row.set(seq[i + 1]!, (row.get(seq[i + 1]!) ?? 0) + 1);
          counts.set(seq[i]!, row);
        }
      }
      const pConv = (removed: string | null) => {
        const x = new Map<string, number>();
        for (let it = 0; it < 20000; it++) {
          for (const [from, row] of counts) {
            if (from === removed) continue;
            const out = [...row.values()].reduce((a, b) => a + b, 0);
            let v = 0;
            for (const [to, n] of row) v += (n / out) * (to === 'conv' ? 1 : to === 'null' || to === removed ? 0 : (x.get(to) ?? 0));
            x.set(from, v);
          }
        }
        return x.get('start') ?? 0;
      };
      const base = pConv(null);
      const channels = [...new Set(journeys.flatMap((j) => j.steps))];
      const effects = channels.map((ch) => (base > 0 ? 1 - pConv(ch) / base : 0));
      const sum = effects.reduce((a, b) => a + b, 0);
      const attrConv = attributed.length;
      const attrRev = attributed.reduce((a, p) => a + p.c.revenue, 0);
      channels.forEach((ch, i) => {
        if (sum > 0) {
          const e = credit.get(ch) ?? [0, 0];
          credit.set(ch, [e[0] + (attrConv * effects[i]!) / sum, e[1] + (attrRev * effects[i]!) / sum]);
        }
      });
      return credit;
    }
    for (const { c, path } of attributed) {
      const n = path.length;
      path.forEach((t, i) => {
        let share: number;
        switch (model.model) {
          case 'last_touch':
            share = i === n - 1 ? 1 : 0;
            break;
          case 'first_touch':
            share = i === 0 ? 1 : 0;
            break;
          case 'linear':
            share = 1 / n;
            break;
          case 'position_based':
            share =
              n === 1
                ? 1
                : n === 2
                  ? 0.5
                  : i === 0
                    ? model.first_weight
                    : i === n - 1
                      ? model.last_weight
                      : (1 - model.first_weight - model.last_weight) / (n - 2);
            break;
          case 'time_decay': {
            const w = (u: { at: number }) => 2 ** (-(c.at - u.at) / DAY / model.half_life_days);
            share = w(t) / path.reduce((a, u) => a + w(u), 0);
            break;
          }
          case 'last_non_direct': {
            const nonDirect = path.map((u, k) => (u.channel !== 'direct' ? k : -1)).filter((k) => k >= 0);
            share = i === (nonDirect.length > 0 ? nonDirect.at(-1)! : n - 1) ? 1 : 0;
            break;
          }
          default:
            throw new Error(`no reference for ${model.model}`);
        }
        if (share !== 0) give(t.channel, share, c.revenue);
      });
    }
    return credit;
  });
  return { ...total, models };
}

const MODELS = [
  { model: 'last_touch' },
  { model: 'first_touch' },
  { model: 'linear' },
  { model: 'position_based', first_weight: 0.3, last_weight: 0.5 },
  { model: 'time_decay', half_life_days: 2.5 },
  { model: 'last_non_direct' },
  { model: 'markov' },
];

describe('runAttribution against a literal reading of SPEC section 3', () => {
  const dbs: DuckDbEngine[] = [];
  afterAll(() => dbs.forEach((d) => d.close()));
  const cases = [
    { seed: 1, lookback_days: 7, interactions: INTERACTIONS },
    { seed: 2, lookback_days: 30, interactions: ['click', 'visit'] },
    { seed: 3, lookback_days: 7, interactions: ['impression', 'open', 'click'] },
    { seed: 4, lookback_days: 14, interactions: INTERACTIONS },
  ];
  const data = new Map<number, { touches: Touch[]; conversions: Conversion[]; db?: DuckDbEngine }>();
  beforeAll(async () => {
    for (const c of cases) {
      const d = dataset(c.seed);
      const db = await attributionDb(d.touches, d.conversions);
      dbs.push(db);
      data.set(c.seed, { ...d, db });
    }
  });

  for (const c of cases) {
    it(`agrees on seed ${c.seed} (lookback ${c.lookback_days}, ${c.interactions.join('/')})`, async () => {
      const d = data.get(c.seed)!;
      const spec = attributionSpecSchema.parse({
        kind: 'attribution',
        conversion_type: 'purchase',
        lookback_days: c.lookback_days,
        interactions: c.interactions,
        models: MODELS,
      });
      const out = await runAttribution(d.db!, spec);
      const ref = reference(spec, d.touches, d.conversions);
      expect(out.conversions).toBe(ref.conversions);
      expect(out.revenue).toBeCloseTo(ref.revenue, 9);
      expect(ref.conversions).toBeGreaterThan(3);
      out.models.forEach((m, i) => {
        const want = ref.models[i]!;
        for (const row of m.channels) {
          const [conv, rev] = want.get(row.channel) ?? [0, 0];
          expect(row.conversions, `${m.model} ${row.channel}`).toBeCloseTo(conv, 9);
          expect(row.revenue, `${m.model} ${row.channel} revenue`).toBeCloseTo(rev, 7);
        }
        for (const [ch, [conv]] of want)
          if (conv > 1e-12)
            expect(
              m.channels.some((r) => r.channel === ch),
              `${m.model} lists ${ch}`,
            ).toBe(true);
      });
    });
  }

  it('gives Shapley values equal to the subset formula over channel sets (seed 1)', async () => {
    const d = data.get(1)!;
    const spec = attributionSpecSchema.parse({ kind: 'attribution', conversion_type: 'purchase', lookback_days: 7, models: [{ model: 'shapley' }] });
    const out = await runAttribution(d.db!, spec);
    // v(S) = conversions of converting journeys whose channel set is inside S; Shapley value
    // phi_i = sum over S not holding i of |S|! (n - |S| - 1)! / n! * (v(S + i) - v(S)).
    const kept = d.touches.map((t) => ({ ...t, at: parse(t.at), channel: t.channel ?? '(unknown)' }));
    const sets = d.conversions
      .filter((c) => (c.type ?? 'purchase') === 'purchase')
      .map((c) => new Set(kept.filter((t) => t.customer === c.customer && t.at <= parse(c.at) && t.at >= parse(c.at) - 7 * DAY).map((t) => t.channel)))
      .filter((set) => set.size > 0);
    const players = [...new Set(sets.flatMap((set) => [...set]))];
    const n = players.length;
    const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
    const v = (mask: number) => sets.filter((set) => [...set].every((ch) => (mask >> players.indexOf(ch)) & 1)).length;
    players.forEach((ch, i) => {
      let phi = 0;
      for (let mask = 0; mask < 1 << n; mask++) {
        if ((mask >> i) & 1) continue;
        const size = mask
          .toString(2)
          .split('')
          .filter((b) => b === '1').length;
        phi += ((fact(size) * fact(n - size - 1)) / fact(n)) * (v(mask | (1 << i)) - v(mask));
      }
      expect(out.models[0]!.channels.find((r) => r.channel === ch)?.conversions ?? 0, ch).toBeCloseTo(phi, 9);
    });
    expect(n).toBeGreaterThan(2);
  });
});
