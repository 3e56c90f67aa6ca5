import { afterEach, describe, expect, it } from 'vitest';
import type { DuckDbEngine } from '../../../main/engine/duckdb-engine';
import { attributionDb } from '../../../main/analysis/testing/attribution-test-data';
import { parseSpec } from '../../specs';
import { attributionSpecSchema, type AttributionOutput } from '../../specs/attribution-spec';
import { conversionsInRangeSql, withShadowTable } from './attribution-scope-sql';
import { runAttribution } from './run-attribution';
import { queryRows, sql } from '../sql';

let db: DuckDbEngine | null = null;
afterEach(() => db?.close());

// c1 buys on 06-10 (100): email (06-05), paid_search of campaign cmpA (06-09).
// c2 buys on 06-20 12:00 (50): paid_search cmpB (06-18), paid_search cmpA (06-19).
// c3 buys on 07-05 (30): display (07-01), paid_search without a campaign (07-02).
const touches = [
  { id: 't1', customer: 'c1', at: '2026-06-05 10:00:00', channel: 'email' },
  { id: 't2', customer: 'c1', at: '2026-06-09 10:00:00', channel: 'paid_search' },
  { id: 't3', customer: 'c2', at: '2026-06-18 10:00:00', channel: 'paid_search' },
  { id: 't4', customer: 'c2', at: '2026-06-19 10:00:00', channel: 'paid_search' },
  { id: 't5', customer: 'c3', at: '2026-07-01 10:00:00', channel: 'display' },
  { id: 't6', customer: 'c3', at: '2026-07-02 10:00:00', channel: 'paid_search' },
];
const conversions = [
  { id: 'p1', customer: 'c1', at: '2026-06-10 10:00:00', revenue: 100 },
  { id: 'p2', customer: 'c2', at: '2026-06-20 12:00:00', revenue: 50 },
  { id: 'p3', customer: 'c3', at: '2026-07-05 10:00:00', revenue: 30 },
];

async function demoDb(withSpend = true): Promise<DuckDbEngine> {
  const d = await attributionDb(touches, conversions);
  await d.run(`UPDATE touchpoints SET campaign_id = CASE touchpoint_id WHEN 't2' THEN 'cmpA' WHEN 't4' THEN 'cmpA' WHEN 't3' THEN 'cmpB' END`);
  if (withSpend) {
    await d.run(`CREATE TABLE campaign_performance (date DATE, channel VARCHAR, campaign_id VARCHAR, campaign_name VARCHAR, spend DOUBLE)`);
    await d.run(`INSERT INTO campaign_performance VALUES
      ('2026-06-10', 'paid_search', 'cmpA', 'Spring sale', 40),
      ('2026-06-20', 'paid_search', 'cmpB', 'Summer launch', 60),
      ('2026-06-20', 'email', 'cmpE', 'Newsletter', 10),
      ('2026-07-05', 'display', 'cmpD', 'Banners', 25),
      ('2026-08-01', 'display', 'cmpD', 'Banners', 1000)`);
  }
  return d;
}

function spec(extra: Record<string, unknown>) {
  return attributionSpecSchema.parse({ kind: 'attribution', conversion_type: 'purchase', models: [{ model: 'last_touch' }, { model: 'linear' }], ...extra });
}

function credit(out: AttributionOutput, model: number): Record<string, [number, number]> {
  return Object.fromEntries(out.models[model]!.channels.map((c) => [c.channel, [c.conversions, c.revenue]]));
}

describe('the reporting period (date_range)', () => {
  it('credits only the conversions on its days, with paths reaching back the full lookback', async () => {
    db = await demoDb();
    const all = await runAttribution(db, spec({}));
    expect([all.conversions, all.revenue]).toEqual([3, 180]);
    // Only c2 (06-20) falls in 06-15..06-30; its touches are both paid_search.
    const june = await runAttribution(db, spec({ date_range: { from: '2026-06-15', to: '2026-06-30' } }));
    expect([june.conversions, june.revenue]).toEqual([1, 50]);
    expect(credit(june, 0).paid_search).toEqual([1, 50]);
    // c1's 06-05 email touch lies before the period but inside c1's lookback: 06-01..06-10 keeps it.
    const early = await runAttribution(db, spec({ date_range: { from: '2026-06-10', to: '2026-06-10' } }));
    expect(credit(early, 1)).toMatchObject({ email: [0.5, 50], paid_search: [0.5, 50] });
  });

  it('includes the whole last day and nothing after it', async () => {
    db = await demoDb();
    // c2 buys at 12:00 on 06-20: in a period ending 06-20, not in one ending 06-19.
    expect((await runAttribution(db, spec({ date_range: { from: '2026-06-11', to: '2026-06-20' } }))).conversions).toBe(1);
    const none = await runAttribution(db, spec({ date_range: { from: '2026-06-11', to: '2026-06-19' } }));
    expect([none.conversions, none.revenue]).toEqual([0, 0]);
  });

  it('leaves a spec without it exactly as SPEC section 3 answers it, and no scope tables behind', async () => {
    db = await demoDb();
    await runAttribution(db, spec({ date_range: { from: '2026-06-15', to: '2026-06-30' }, campaign_channel: 'paid_search', cost: true }));
    const left = await queryRows<{ n: number }>(db, sql`SELECT count(*) AS n FROM duckdb_tables() WHERE temporary`);
    const plain = await runAttribution(db, spec({}));
    expect(Object.keys(plain).sort()).toEqual(['conversion_type', 'conversions', 'kind', 'models', 'revenue']);
    expect(credit(plain, 0)).toEqual({ display: [0, 0], email: [0, 0], paid_search: [3, 180] });
    expect(Number(left[0]!.n)).toBe(0);
  });

  it('composes with a period already in place (calibration): the intersection is credited', async () => {
    db = await demoDb();
    const d = db;
    const out = await withShadowTable(d, 'conversions', conversionsInRangeSql({ from: '2026-06-01', to: '2026-06-30' }), () =>
      runAttribution(d, spec({ date_range: { from: '2026-06-15', to: '2026-07-31' } }), { dataVersion: 'outer' }),
    );
    expect(out.conversions).toBe(1);
    // The outer shadow is restored and then dropped with its scope.
    expect((await runAttribution(d, spec({}))).conversions).toBe(3);
  });

  it('is refused when it ends before it starts, at the field, in words', () => {
    expect(() => parseSpec({ ...spec({}), date_range: { from: '2026-06-30', to: '2026-06-01' } })).toThrow(
      expect.objectContaining({ path: 'date_range.to', message: expect.stringContaining('on or after') }),
    );
    expect(() => parseSpec({ ...spec({}), date_range: { from: '2026-02-30', to: '2026-03-01' } })).toThrow(
      expect.objectContaining({ path: 'date_range.from' }),
    );
    expect(() => parseSpec({ ...spec({}), date_range: { from: '2026-02-01', to: '2026-03-01', tz: 'UTC' } })).toThrow(
      expect.objectContaining({ path: expect.stringContaining('date_range') }),
    );
  });
});

describe('the campaign drill (campaign_channel)', () => {
  it("credits the channel's campaigns one by one, named from Campaign Performance 360", async () => {
    db = await demoDb();
    const out = await runAttribution(db, spec({ campaign_channel: 'paid_search' }));
    // Last touch: c1 -> cmpA (100), c2 -> cmpA (50), c3 -> the campaign-less paid_search touch (30).
    expect(credit(out, 0)).toEqual({ '(no campaign)': [1, 30], cmpA: [2, 150], cmpB: [0, 0], display: [0, 0], email: [0, 0] });
    // Linear: c1 0.5 email + 0.5 cmpA; c2 0.5 cmpB + 0.5 cmpA; c3 0.5 display + 0.5 (no campaign).
    expect(credit(out, 1)).toEqual({ '(no campaign)': [0.5, 15], cmpA: [1, 75], cmpB: [0.5, 25], display: [0.5, 15], email: [0.5, 50] });
    expect(out.campaigns).toEqual([
      { channel: 'cmpA', campaign_id: 'cmpA', name: 'Spring sale' },
      { channel: 'cmpB', campaign_id: 'cmpB', name: 'Summer launch' },
      { channel: '(no campaign)', campaign_id: null, name: null },
    ]);
  });

  it('keeps campaign ids as names when Campaign Performance 360 is not pulled', async () => {
    db = await demoDb(false);
    const out = await runAttribution(db, spec({ campaign_channel: 'paid_search', cost: true }));
    expect(out.campaigns?.map((c) => c.name)).toEqual([null, null, null]);
    expect(out.cost).toEqual({ available: false, reason: 'not_pulled' });
  });
});

describe('cost (Campaign Performance 360 spend)', () => {
  it('sums spend per channel over the conversions days when there is no period', async () => {
    db = await demoDb();
    const out = await runAttribution(db, spec({ cost: true }));
    // 06-10..07-05: the 08-01 display row is outside.
    expect(out.cost).toEqual({
      available: true,
      from: '2026-06-10',
      to: '2026-07-05',
      channels: [
        { channel: 'display', spend: 25 },
        { channel: 'email', spend: 10 },
        { channel: 'paid_search', spend: 100 },
      ],
    });
  });

  it('follows the reporting period and the campaign drill', async () => {
    db = await demoDb();
    const june = await runAttribution(db, spec({ cost: true, date_range: { from: '2026-06-15', to: '2026-06-30' } }));
    expect(june.cost).toMatchObject({
      from: '2026-06-15',
      to: '2026-06-30',
      channels: [
        { channel: 'email', spend: 10 },
        { channel: 'paid_search', spend: 60 },
      ],
    });
    const drill = await runAttribution(db, spec({ cost: true, campaign_channel: 'paid_search' }));
    expect(drill.cost).toMatchObject({
      channels: [
        { channel: 'cmpA', spend: 40 },
        { channel: 'cmpB', spend: 60 },
        { channel: 'display', spend: 25 },
        { channel: 'email', spend: 10 },
      ],
    });
  });
});
