import { describe, expect, it } from 'vitest';
import type { AttributionOutput } from '../../../../shared/specs/attribution-spec';
import { costCell, creditRows } from './attribution-rows';

// Two models over 10 conversions ($1,000): last touch gives email 4 ($500), linear 2.5 ($200).
const result: AttributionOutput = {
  kind: 'attribution',
  conversion_type: 'purchase',
  conversions: 10,
  revenue: 1000,
  models: [
    {
      model: 'last_touch',
      params: {},
      channels: [
        { channel: 'direct', conversions: 3, revenue: 300 },
        { channel: 'email', conversions: 4, revenue: 500 },
        { channel: 'paid_social', conversions: 0, revenue: 0 },
        { channel: '(unattributed)', conversions: 3, revenue: 200 },
      ],
    },
    {
      model: 'linear',
      params: {},
      channels: [
        { channel: 'direct', conversions: 2.5, revenue: 300 },
        { channel: 'email', conversions: 2.5, revenue: 200 },
        { channel: 'paid_social', conversions: 2, revenue: 300 },
        { channel: '(unattributed)', conversions: 3, revenue: 200 },
      ],
    },
  ],
  cost: {
    available: true,
    from: '2026-06-01',
    to: '2026-06-30',
    channels: [
      { channel: 'email', spend: 100 },
      { channel: 'paid_social', spend: 600 },
    ],
  },
};

describe('cost cells', () => {
  it('divide the same spend by each model: CPA = spend / conversions, ROAS = revenue / spend', () => {
    // email: $100 / 4 = $25 and $500 / $100 = 5x under last touch; $100 / 2.5 = $40 and 2x under linear.
    expect(costCell(result, 0, 'email')).toEqual({ spend: 100, cpa: 25, roas: 5 });
    expect(costCell(result, 1, 'email')).toEqual({ spend: 100, cpa: 40, roas: 2 });
    // paid_social has spend but no last-touch credit: no CPA (not infinity), ROAS 0.
    expect(costCell(result, 0, 'paid_social')).toEqual({ spend: 600, cpa: null, roas: 0 });
    expect(costCell(result, 1, 'paid_social')).toEqual({ spend: 600, cpa: 300, roas: 0.5 });
    // direct has no spend at all.
    expect(costCell(result, 0, 'direct')).toEqual({ spend: null, cpa: null, roas: null });
  });

  it('are empty when Campaign Performance 360 is not pulled', () => {
    expect(costCell({ ...result, cost: { available: false, reason: 'not_pulled' } }, 0, 'email')).toEqual({ spend: null, cpa: null, roas: null });
  });
});

describe('credit rows', () => {
  it('name channels for people and only real channels drill', () => {
    expect(creditRows(result)).toEqual([
      { key: 'direct', label: 'Direct', drillable: true },
      { key: 'email', label: 'Email', drillable: true },
      { key: 'paid_social', label: 'Paid social', drillable: true },
      { key: '(unattributed)', label: 'No touch in the lookback', drillable: false },
    ]);
  });

  it("show only the drilled channel's campaigns, by name", () => {
    const drilled: AttributionOutput = {
      ...result,
      models: [
        {
          model: 'linear',
          params: {},
          channels: [
            { channel: 'c1', conversions: 1, revenue: 1 },
            { channel: '(no campaign)', conversions: 1, revenue: 1 },
            { channel: 'email', conversions: 1, revenue: 1 },
          ],
        },
      ],
      campaigns: [
        { channel: 'c1', campaign_id: 'c1', name: 'Spring sale' },
        { channel: '(no campaign)', campaign_id: null, name: null },
      ],
    };
    expect(creditRows(drilled).map((r) => r.label)).toEqual(['Spring sale', 'No campaign']);
  });
});
