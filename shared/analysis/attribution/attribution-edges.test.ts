import { afterEach, describe, expect, it } from 'vitest';
import type { DuckDbEngine } from '../../../main/engine/duckdb-engine';
import { attributionDb } from '../../../main/analysis/testing/attribution-test-data';
import { attributionSpecSchema, type AttributionOutput } from '../../specs/attribution-spec';
import { runAttribution } from './run-attribution';

let db: DuckDbEngine | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

function credit(out: AttributionOutput, model: number): Record<string, [number, number]> {
  return Object.fromEntries(out.models[model]!.channels.map((c) => [c.channel, [c.conversions, c.revenue]]));
}

function spec(models: unknown[], extra: Record<string, unknown> = {}) {
  return attributionSpecSchema.parse({ kind: 'attribution', conversion_type: 'purchase', models, ...extra });
}

function expectSums(out: AttributionOutput): void {
  for (const m of out.models) {
    expect(m.channels.reduce((a, c) => a + c.conversions, 0)).toBeCloseTo(out.conversions, 9);
    expect(m.channels.reduce((a, c) => a + c.revenue, 0)).toBeCloseTo(out.revenue, 9);
  }
}

const ALL = [
  { model: 'last_touch' },
  { model: 'first_touch' },
  { model: 'linear' },
  { model: 'position_based' },
  { model: 'time_decay' },
  { model: 'last_non_direct' },
  { model: 'markov' },
  { model: 'shapley' },
];

describe('attribution edge cases', () => {
  it('gives a one-touch path all its credit in every model, with revenue 0 and a NULL channel as (unknown)', async () => {
    db = await attributionDb(
      [{ id: 't', customer: 'c', at: '2026-06-01 00:00:00', channel: null }],
      [{ id: 'p', customer: 'c', at: '2026-06-01 00:00:00', revenue: 0 }],
    );
    const out = await runAttribution(db, spec(ALL));
    expect(out.conversions).toBe(1);
    expect(out.revenue).toBe(0);
    for (let m = 0; m < ALL.length; m++) expect(out.models[m]!.channels).toEqual([{ channel: '(unknown)', conversions: 1, revenue: 0 }]);
  });

  it('splits time decay evenly between touches at the same instant', async () => {
    // email 7 days before (weight 2^-1 = 0.5), direct and paid_search at the conversion instant
    // (weight 1 each): 0.5 / 2.5 = 0.2 and 0.4 each; revenue 50 -> 10, 20, 20.
    db = await attributionDb(
      [
        { id: 't1', customer: 'c', at: '2026-06-01 00:00:00', channel: 'email' },
        { id: 't2', customer: 'c', at: '2026-06-08 00:00:00', channel: 'direct' },
        { id: 't3', customer: 'c', at: '2026-06-08 00:00:00', channel: 'paid_search' },
      ],
      [{ id: 'p', customer: 'c', at: '2026-06-08 00:00:00', revenue: 50 }],
    );
    const out = await runAttribution(
      db,
      spec([
        { model: 'time_decay', half_life_days: 7 },
        { model: 'time_decay', half_life_days: 3.5 },
      ]),
    );
    const c = credit(out, 0);
    expect(c.email![0]).toBeCloseTo(0.2, 12);
    expect(c.direct![1]).toBeCloseTo(20, 10);
    expect(c.paid_search![0]).toBeCloseTo(0.4, 12);
    // Half-life 3.5: email weight 2^-2 = 0.25 -> 0.25 / 2.25 = 1/9. Duplicate models answered in order.
    expect(credit(out, 1).email![0]).toBeCloseTo(1 / 9, 12);
    expect(out.models.map((m) => m.params)).toEqual([{ half_life_days: 7 }, { half_life_days: 3.5 }]);
  });

  it('keeps all-direct paths on direct in last_non_direct, and credits the last non-direct touch otherwise', async () => {
    // p1: direct, direct -> last direct. p2: email, direct -> email.
    db = await attributionDb(
      [
        { id: 'a1', customer: 'c1', at: '2026-06-01 00:00:00', channel: 'direct' },
        { id: 'a2', customer: 'c1', at: '2026-06-02 00:00:00', channel: 'direct' },
        { id: 'b1', customer: 'c2', at: '2026-06-01 00:00:00', channel: 'email' },
        { id: 'b2', customer: 'c2', at: '2026-06-02 00:00:00', channel: 'direct' },
      ],
      [
        { id: 'p1', customer: 'c1', at: '2026-06-03 00:00:00', revenue: 10 },
        { id: 'p2', customer: 'c2', at: '2026-06-03 00:00:00', revenue: 20 },
      ],
    );
    const out = await runAttribution(db, spec([{ model: 'last_non_direct' }]));
    expect(credit(out, 0)).toEqual({ direct: [1, 10], email: [1, 20] });
  });

  it('credits a channel seen only on non-converting journeys under Markov and lists it in every model', async () => {
    // Journeys: a > b > conversion (u1); x > b > null (u2, never converts).
    // P(conv) = 1/2 (start -> a) * 1 * 1/2 (b -> conv) + 1/2 (start -> x) * 1 * 1/2 = 1/2.
    // Without a: 1/4 -> RE 1/2. Without x: 1/4 -> RE 1/2. Without b: 0 -> RE 1. Sum 2.
    // One conversion, revenue 8: a 0.25 / 2, x 0.25 / 2, b 0.5 / 4.
    db = await attributionDb(
      [
        { id: 't1', customer: 'u1', at: '2026-06-01 00:00:00', channel: 'a' },
        { id: 't2', customer: 'u1', at: '2026-06-02 00:00:00', channel: 'b' },
        { id: 't3', customer: 'u2', at: '2026-06-01 00:00:00', channel: 'x' },
        { id: 't4', customer: 'u2', at: '2026-06-02 00:00:00', channel: 'b' },
      ],
      [{ id: 'p1', customer: 'u1', at: '2026-06-03 00:00:00', revenue: 8 }],
    );
    const out = await runAttribution(db, spec([{ model: 'markov' }, { model: 'linear' }]));
    const mk = credit(out, 0);
    expect(mk.a![0]).toBeCloseTo(0.25, 12);
    expect(mk.x![0]).toBeCloseTo(0.25, 12);
    expect(mk.b![1]).toBeCloseTo(4, 12);
    expect(credit(out, 1)).toEqual({ a: [0.5, 4], b: [0.5, 4], x: [0, 0] });
    expectSums(out);
  });

  it('orders the touches of a non-converting journey at the same instant by touchpoint_id under Markov', async () => {
    // Converting: a > b (u1). Non-converting (u2, two touches at one instant): t_a (a) before
    // t_b (b), so a > b > null. Transitions: start->a 2, a->b 2, b->conv 1, b->null 1: P = 1/2;
    // removing a or b gives 0, effects 1 and 1, so 1/2 each. (Ordered b > a instead, the split
    // would be 1/3 : 2/3.)
    db = await attributionDb(
      [
        { id: 't1', customer: 'u1', at: '2026-06-01 00:00:00', channel: 'a' },
        { id: 't2', customer: 'u1', at: '2026-06-02 00:00:00', channel: 'b' },
        { id: 't_b', customer: 'u2', at: '2026-06-01 00:00:00', channel: 'b' },
        { id: 't_a', customer: 'u2', at: '2026-06-01 00:00:00', channel: 'a' },
      ],
      [{ id: 'p1', customer: 'u1', at: '2026-06-03 00:00:00', revenue: 2 }],
    );
    const out = await runAttribution(db, spec([{ model: 'markov' }]));
    expect(credit(out, 0).a![0]).toBeCloseTo(0.5, 12);
    expect(credit(out, 0).b![1]).toBeCloseTo(1, 12);
  });

  it('leaves touches without a customer out of every journey', async () => {
    // Journeys: a > b > conv (u1), b > conv (u2). start->a 1, start->b 1, a->b 1, b->conv 2:
    // P = 1; without a P = 1/2 (RE 1/2); without b P = 0 (RE 1): a 2/3, b 4/3.
    // Were the customer-less touch (b) a journey b > null, a would get 1/2 and b 3/2.
    db = await attributionDb(
      [
        { id: 't1', customer: 'u1', at: '2026-06-01 00:00:00', channel: 'a' },
        { id: 't2', customer: 'u1', at: '2026-06-02 00:00:00', channel: 'b' },
        { id: 't3', customer: 'u2', at: '2026-06-01 00:00:00', channel: 'b' },
        { id: 't4', customer: null as unknown as string, at: '2026-06-01 00:00:00', channel: 'b' },
      ],
      [
        { id: 'p1', customer: 'u1', at: '2026-06-03 00:00:00', revenue: 1 },
        { id: 'p2', customer: 'u2', at: '2026-06-03 00:00:00', revenue: 1 },
      ],
    );
    const out = await runAttribution(db, spec([{ model: 'markov' }]));
    expect(credit(out, 0).a![0]).toBeCloseTo(2 / 3, 12);
    expect(credit(out, 0).b![0]).toBeCloseTo(4 / 3, 12);
  });

  it('gives the same Markov answer after a lookback change as a fresh run (channel codes do not depend on the lookback)', async () => {
    const touches = [
      { id: 't1', customer: 'u1', at: '2026-06-01 00:00:00', channel: 'a' },
      { id: 't2', customer: 'u1', at: '2026-06-10 12:00:00', channel: 'b' },
      { id: 't3', customer: 'u2', at: '2026-06-01 00:00:00', channel: 'c' },
      { id: 't4', customer: 'u2', at: '2026-06-02 00:00:00', channel: 'a' },
    ];
    const conversions = [{ id: 'p1', customer: 'u1', at: '2026-06-11 00:00:00', revenue: 1 }];
    db = await attributionDb(touches, conversions);
    const short = await runAttribution(db, spec([{ model: 'markov', order: 2 }], { lookback_days: 1 }));
    // Lookback 1: the path is b alone, so b takes everything.
    expect(credit(short, 0).b![0]).toBeCloseTo(1, 12);
    const long = await runAttribution(db, spec([{ model: 'markov', order: 2 }], { lookback_days: 30 }));
    db.close();
    db = await attributionDb(touches, conversions);
    const fresh = await runAttribution(db, spec([{ model: 'markov', order: 2 }], { lookback_days: 30 }));
    expect(long).toEqual(fresh);
  });

  it('rebuilds the journeys when the caller says the data changed (dataVersion)', async () => {
    db = await attributionDb(
      [{ id: 't1', customer: 'c', at: '2026-06-01 00:00:00', channel: 'email' }],
      [{ id: 'p', customer: 'c', at: '2026-06-02 00:00:00', revenue: 4 }],
    );
    const before = await runAttribution(db, spec([{ model: 'last_touch' }]), { dataVersion: 'v1' });
    expect(credit(before, 0)).toEqual({ email: [1, 4] });
    await db.run(`INSERT INTO touchpoints VALUES ('t2', 'c', TIMESTAMP '2026-06-01 12:00:00', 'display', NULL, 'click')`);
    const after = await runAttribution(db, spec([{ model: 'last_touch' }]), { dataVersion: 'v2' });
    expect(credit(after, 0)).toEqual({ display: [1, 4], email: [0, 0] });
  });

  it('keeps per-model sums equal to the totals on a mixed dataset (every model, orders 1-3)', async () => {
    const channels = ['direct', 'email', 'paid_search', 'display'];
    const touches = Array.from({ length: 60 }, (_, i) => ({
      id: `t${String(i).padStart(3, '0')}`,
      customer: `c${i % 9}`,
      at: `2026-06-${String(1 + (i % 20)).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:00:00`,
      channel: channels[(i * 7) % 4]!,
      interaction: i % 5 === 0 ? 'impression' : 'click',
    }));
    const conversions = Array.from({ length: 8 }, (_, i) => ({
      id: `p${i}`,
      customer: `c${i % 6}`,
      at: `2026-06-${String(10 + i).padStart(2, '0')} 06:00:00`,
      revenue: i % 3 === 0 ? null : i * 10.5,
    }));
    db = await attributionDb(touches, conversions);
    const out = await runAttribution(db, spec([...ALL, { model: 'markov', order: 2 }, { model: 'markov', order: 3 }], { lookback_days: 5 }));
    expect(out.conversions).toBe(8);
    // Revenue: i = 1, 2, 4, 5, 7 -> 10.5 * 19 = 199.5 (NULL counts 0).
    expect(out.revenue).toBeCloseTo(199.5, 12);
    expectSums(out);
    const names = out.models.map((m) => m.channels.map((c) => c.channel).join(','));
    expect(new Set(names).size).toBe(1);
  });
});

describe('shapley', () => {
  it('splits each conversion equally over the distinct channels of its journey', async () => {
    // p1: a > b > a (distinct {a, b}) -> 1/2 each; p2: b -> all to b. a 0.5, b 1.5; revenue 6 and 2.
    db = await attributionDb(
      [
        { id: 't1', customer: 'u1', at: '2026-06-01 00:00:00', channel: 'a' },
        { id: 't2', customer: 'u1', at: '2026-06-02 00:00:00', channel: 'b' },
        { id: 't3', customer: 'u1', at: '2026-06-03 00:00:00', channel: 'a' },
        { id: 't4', customer: 'u2', at: '2026-06-01 00:00:00', channel: 'b' },
      ],
      [
        { id: 'p1', customer: 'u1', at: '2026-06-04 00:00:00', revenue: 6 },
        { id: 'p2', customer: 'u2', at: '2026-06-04 00:00:00', revenue: 2 },
      ],
    );
    const out = await runAttribution(db, spec([{ model: 'shapley' }]));
    expect(credit(out, 0)).toEqual({ a: [0.5, 3], b: [1.5, 5] });
  });
});
