import { afterEach, describe, expect, it } from 'vitest';
import type { DuckDbEngine } from '../../../main/engine/duckdb-engine';
import { attributionSpecSchema, type AttributionOutput } from '../../specs/attribution-spec';
import { runAttribution } from './run-attribution';
import { attributionDb } from '../../../main/analysis/testing/attribution-test-data';

let db: DuckDbEngine | null = null;
afterEach(() => db?.close());

function credit(out: AttributionOutput, model: number): Record<string, [number, number]> {
  return Object.fromEntries(out.models[model]!.channels.map((c) => [c.channel, [c.conversions, c.revenue]]));
}

function spec(models: unknown[], extra: Record<string, unknown> = {}) {
  return attributionSpecSchema.parse({ kind: 'attribution', conversion_type: 'purchase', models, ...extra });
}

describe('heuristic models on one four-touch journey', () => {
  // c1's path (lookback 30): display (day -10), direct (day -5), email (day -1), direct (same instant
  // as the conversion, included by <=). Revenue 100. An impression on day -2 is left out when
  // interactions = click.
  const touches = [
    { id: 't1', customer: 'c1', at: '2026-06-20 12:00:00', channel: 'display' },
    { id: 't2', customer: 'c1', at: '2026-06-25 12:00:00', channel: 'direct' },
    { id: 't3', customer: 'c1', at: '2026-06-29 12:00:00', channel: 'email' },
    { id: 't3b', customer: 'c1', at: '2026-06-28 12:00:00', channel: 'video', interaction: 'impression' },
    { id: 't4', customer: 'c1', at: '2026-06-30 12:00:00', channel: 'direct' },
    { id: 't5', customer: 'c1', at: '2026-06-30 12:00:01', channel: 'paid_search' },
  ];
  const conversions = [{ id: 'p1', customer: 'c1', at: '2026-06-30 12:00:00', revenue: 100 }];

  it('credits last, first, linear, position-based, time-decay and last-non-direct as specified', async () => {
    db = await attributionDb(touches, conversions);
    const out = await runAttribution(
      db,
      spec(
        [
          { model: 'last_touch' },
          { model: 'first_touch' },
          { model: 'linear' },
          { model: 'position_based' },
          { model: 'time_decay', half_life_days: 7 },
          { model: 'last_non_direct' },
        ],
        { interactions: ['click'] },
      ),
    );
    expect(out).toMatchObject({ kind: 'attribution', conversion_type: 'purchase', conversions: 1, revenue: 100 });
    // The touch one second after the conversion (paid_search) is not on the path.
    expect(credit(out, 0)).toEqual({ direct: [1, 100], display: [0, 0], email: [0, 0] });
    expect(credit(out, 1)).toEqual({ direct: [0, 0], display: [1, 100], email: [0, 0] });
    // linear: 1/4 each; direct holds two touches.
    expect(credit(out, 2)).toEqual({ direct: [0.5, 50], display: [0.25, 25], email: [0.25, 25] });
    // position-based 0.4/0.4: display 0.4, last direct 0.4, the two middle touches 0.1 each.
    const pb = credit(out, 3);
    expect(pb.display![0]).toBeCloseTo(0.4, 12);
    expect(pb.direct![0]).toBeCloseTo(0.5, 12);
    expect(pb.email![0]).toBeCloseTo(0.1, 12);
    expect(out.models[3]!.params).toEqual({ first_weight: 0.4, last_weight: 0.4 });
    // time-decay: weights 2^(-10/7), 2^(-5/7), 2^(-1/7), 2^0, normalised.
    const w = [2 ** (-10 / 7), 2 ** (-5 / 7), 2 ** (-1 / 7), 1];
    const total = w.reduce((a, b) => a + b, 0);
    const td = credit(out, 4);
    expect(td.display![0]).toBeCloseTo(w[0]! / total, 12);
    expect(td.direct![0]).toBeCloseTo((w[1]! + w[3]!) / total, 12);
    expect(td.email![1]).toBeCloseTo((100 * w[2]!) / total, 10);
    expect(out.models[4]!.params).toEqual({ half_life_days: 7 });
    // last non-direct: the last touch that is not direct is email.
    expect(credit(out, 5)).toEqual({ direct: [0, 0], display: [0, 0], email: [1, 100] });
  });

  it('splits a two-touch path in half under position-based, whatever the weights', async () => {
    db = await attributionDb(
      touches.slice(2, 5).filter((t) => t.id !== 't3b'),
      conversions,
    );
    const out = await runAttribution(db, spec([{ model: 'position_based', first_weight: 0.3, last_weight: 0.6 }]));
    expect(credit(out, 0)).toEqual({ direct: [0.5, 50], email: [0.5, 50] });
  });
});

describe('edges', () => {
  it('includes a touch exactly lookback_days before the conversion and excludes one a second earlier', async () => {
    db = await attributionDb(
      [
        { id: 'a', customer: 'c', at: '2026-05-31 12:00:00', channel: 'paid_social' },
        { id: 'b', customer: 'c', at: '2026-05-31 11:59:59', channel: 'display' },
      ],
      [{ id: 'p', customer: 'c', at: '2026-06-30 12:00:00', revenue: 10 }],
    );
    const out = await runAttribution(db, spec([{ model: 'first_touch' }], { lookback_days: 30 }));
    expect(credit(out, 0)).toEqual({ paid_social: [1, 10] });
  });

  it('orders touches at the same instant by touchpoint_id', async () => {
    db = await attributionDb(
      [
        { id: 'tp_b', customer: 'c', at: '2026-06-01 00:00:00', channel: 'email' },
        { id: 'tp_a', customer: 'c', at: '2026-06-01 00:00:00', channel: 'paid_social' },
      ],
      [{ id: 'p', customer: 'c', at: '2026-06-02 00:00:00', revenue: 0 }],
    );
    const out = await runAttribution(db, spec([{ model: 'first_touch' }, { model: 'last_touch' }]));
    expect(credit(out, 0)).toEqual({ email: [0, 0], paid_social: [1, 0] });
    expect(credit(out, 1)).toEqual({ email: [1, 0], paid_social: [0, 0] });
  });

  it('gives a conversion without touches to (unattributed) in every model, and a touch may serve two conversions', async () => {
    db = await attributionDb(
      [{ id: 't', customer: 'c1', at: '2026-06-01 00:00:00', channel: 'direct' }],
      [
        { id: 'p1', customer: 'c1', at: '2026-06-02 00:00:00', revenue: 30 },
        { id: 'p2', customer: 'c1', at: '2026-06-03 00:00:00', revenue: null },
        { id: 'p3', customer: 'c2', at: '2026-06-03 00:00:00', revenue: 5 },
        { id: 's1', customer: 'c2', at: '2026-06-03 00:00:00', type: 'signup', revenue: 99 },
      ],
    );
    const out = await runAttribution(db, spec([{ model: 'last_non_direct' }, { model: 'markov' }, { model: 'shapley' }, { model: 'time_decay' }]));
    expect(out.conversions).toBe(3);
    expect(out.revenue).toBe(35);
    for (let m = 0; m < 4; m++) {
      // All-direct path: last non-direct falls back to the last (direct) touch.
      const c = credit(out, m);
      expect(c.direct![0]).toBeCloseTo(2, 12);
      expect(c.direct![1]).toBeCloseTo(30, 12);
      expect(c['(unattributed)']).toEqual([1, 5]);
      expect(out.models[m]!.channels.at(-1)!.channel).toBe('(unattributed)');
    }
  });
});

describe('markov removal effect', () => {
  it('reproduces the worked example: google ads 2.4, mailing 1.6', async () => {
    // Converting: google ads (x2), mailing, google ads > mailing; non-converting: google ads.
    db = await attributionDb(
      [
        { id: 't1', customer: 'u1', at: '2026-06-01 00:00:00', channel: 'google ads' },
        { id: 't2', customer: 'u2', at: '2026-06-01 00:00:00', channel: 'google ads' },
        { id: 't3', customer: 'u3', at: '2026-06-01 00:00:00', channel: 'mailing' },
        { id: 't4', customer: 'u4', at: '2026-06-01 00:00:00', channel: 'google ads' },
        { id: 't5', customer: 'u4', at: '2026-06-02 00:00:00', channel: 'mailing' },
        { id: 't6', customer: 'u5', at: '2026-06-01 00:00:00', channel: 'google ads' },
      ],
      ['u1', 'u2', 'u3', 'u4'].map((u) => ({ id: `p_${u}`, customer: u, at: '2026-06-05 00:00:00', revenue: 10 })),
    );
    const out = await runAttribution(db, spec([{ model: 'markov', order: 1 }]));
    const c = credit(out, 0);
    expect(c['google ads']![0]).toBeCloseTo(2.4, 12);
    expect(c.mailing![0]).toBeCloseTo(1.6, 12);
    expect(c['google ads']![1]).toBeCloseTo(24, 10);
    expect(out.models[0]!.params).toEqual({ order: 1 });
  });

  it('builds tuple states for order 2 (a > b and b convert, a does not => a 2/3, b 4/3)', async () => {
    // Order 2 states: start -> a -> (a,b) -> conversion; start -> b -> conversion; start -> a -> null.
    // P = 2/3 * (1/2) + 1/3 = 2/3. Removing a (states a and a,b): P = 1/3, effect 1/2.
    // Removing b (states b and a,b): P = 0, effect 1. Two conversions split 1/2 : 1.
    db = await attributionDb(
      [
        { id: 't1', customer: 'u1', at: '2026-06-01 00:00:00', channel: 'a' },
        { id: 't2', customer: 'u1', at: '2026-06-02 00:00:00', channel: 'b' },
        { id: 't3', customer: 'u2', at: '2026-06-01 00:00:00', channel: 'b' },
        { id: 't4', customer: 'u3', at: '2026-06-01 00:00:00', channel: 'a' },
      ],
      [
        { id: 'p1', customer: 'u1', at: '2026-06-03 00:00:00', revenue: 3 },
        { id: 'p2', customer: 'u2', at: '2026-06-03 00:00:00', revenue: 3 },
      ],
    );
    const out = await runAttribution(
      db,
      spec([
        { model: 'markov', order: 2 },
        { model: 'markov', order: 3 },
      ]),
    );
    for (const m of [0, 1]) {
      const c = credit(out, m);
      expect(c.a![0]).toBeCloseTo(2 / 3, 12);
      expect(c.b![0]).toBeCloseTo(4 / 3, 12);
      expect(c.b![1]).toBeCloseTo(4, 12);
    }
  });

  it('counts touches after the last conversion as a non-converting journey', async () => {
    // u1 converts after email, then gets a display touch: journeys email->conv and display->null.
    // P = 1/2 (start->email) * 1; removing display changes nothing (RE 0); email takes all.
    db = await attributionDb(
      [
        { id: 't1', customer: 'u1', at: '2026-06-01 00:00:00', channel: 'email' },
        { id: 't2', customer: 'u1', at: '2026-06-10 00:00:00', channel: 'display' },
      ],
      [{ id: 'p1', customer: 'u1', at: '2026-06-02 00:00:00', revenue: 7 }],
    );
    const out = await runAttribution(db, spec([{ model: 'markov' }]));
    expect(credit(out, 0)).toEqual({ email: [1, 7] });
  });
});

describe('spec validation', () => {
  it('applies the pinned defaults and rejects typos and bad weights', () => {
    const parsed = spec([{ model: 'position_based' }, { model: 'time_decay' }, { model: 'markov' }]);
    expect(parsed.lookback_days).toBe(30);
    expect(parsed.interactions).toEqual(['impression', 'click', 'visit', 'open']);
    expect(parsed.models).toEqual([
      { model: 'position_based', first_weight: 0.4, last_weight: 0.4 },
      { model: 'time_decay', half_life_days: 7 },
      { model: 'markov', order: 1 },
    ]);
    expect(attributionSpecSchema.safeParse({ kind: 'attribution', conversion_type: 'purchase', models: [{ model: 'time_decay', half_life: 3 }] }).success).toBe(
      false,
    );
    expect(
      attributionSpecSchema.safeParse({
        kind: 'attribution',
        conversion_type: 'purchase',
        models: [{ model: 'position_based', first_weight: 0.7, last_weight: 0.7 }],
      }).success,
    ).toBe(false);
    expect(attributionSpecSchema.safeParse({ kind: 'attribution', conversion_type: 'purchase', lookback_days: 0, models: [{ model: 'linear' }] }).success).toBe(
      false,
    );
  });
});
