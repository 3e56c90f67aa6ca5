// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { useCampaignsStore } from './campaigns-store';

const filter = { from: '2026-10-01', to: '2026-10-28', channels: [] as string[], platforms: [] as string[], campaigns: [] as string[] };

beforeEach(() => {
  useCampaignsStore.setState({ view: { filter, metric: 'spend', granularity: 'date', level: 'ad_set', parent: { campaign_id: 'cmp_7' } }, revision: 0 });
});

describe('campaigns store', () => {
  it('applies a channel filter and leaves a drill-down it may exclude', () => {
    useCampaignsStore.getState().setFilter({ channels: ['paid_search'] });
    const view = useCampaignsStore.getState().view!;
    expect(view.filter.channels).toEqual(['paid_search']);
    expect(view.level).toBe('campaign');
    expect(view.parent).toEqual({});
  });

  it('keeps the drill-down across a change of dates, and bumps the revision so widgets refetch', () => {
    useCampaignsStore.getState().setFilter({ from: '2026-09-01' });
    const { view, revision } = useCampaignsStore.getState();
    expect(view!.filter.from).toBe('2026-09-01');
    expect(view!.level).toBe('ad_set');
    expect(revision).toBe(1);
  });
});
