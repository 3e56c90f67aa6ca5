import { describe, expect, it } from 'vitest';
import { drillAfterFilter, type DrillState } from './drill';

const filter = (patch = {}) => ({
  from: '2026-10-01',
  to: '2026-10-28',
  channels: [] as string[],
  platforms: [] as string[],
  campaigns: [] as string[],
  ...patch,
});
const inAdSets: DrillState = { level: 'ad_set', parent: { campaign_id: 'cmp_7' } };

describe('drillAfterFilter', () => {
  it('keeps the drill-down when only the dates change', () => {
    expect(drillAfterFilter(inAdSets, filter(), filter({ from: '2026-09-01' }))).toBe(inAdSets);
  });

  it('goes back to the campaign list when a channel or platform filter may exclude the campaign', () => {
    expect(drillAfterFilter(inAdSets, filter(), filter({ channels: ['email'] }))).toEqual({ level: 'campaign', parent: {} });
    expect(drillAfterFilter({ level: 'ad', parent: { campaign_id: 'cmp_7', ad_set_id: 'as_1' } }, filter(), filter({ platforms: ['meta'] }))).toEqual({
      level: 'campaign',
      parent: {},
    });
  });

  it('keeps it when the campaign filter still names the campaign', () => {
    expect(drillAfterFilter(inAdSets, filter(), filter({ campaigns: ['cmp_7', 'cmp_9'] }))).toBe(inAdSets);
    expect(drillAfterFilter(inAdSets, filter(), filter({ campaigns: ['cmp_9'] }))).toEqual({ level: 'campaign', parent: {} });
  });
});
