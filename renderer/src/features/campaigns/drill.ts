import type { DashboardFilter } from '../../../../shared/ipc/campaigns-contract';

export interface DrillState {
  level: 'campaign' | 'ad_set' | 'ad';
  parent: { campaign_id?: string; ad_set_id?: string };
}

const TOP: DrillState = { level: 'campaign', parent: {} };

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Where the grid's drill-down stands after a filter change. A change of dates keeps it (the same
 * campaign over another period); a change of channels, platforms or campaigns may exclude the
 * campaign drilled into, which left "No rows" under the old breadcrumb, so it goes back to the
 * campaign list unless that campaign is explicitly kept in the campaign filter.
 */
export function drillAfterFilter(drill: DrillState, before: Required<DashboardFilter>, after: Required<DashboardFilter>): DrillState {
  if (drill.level === 'campaign') return drill;
  const scopeChanged = !same(before.channels, after.channels) || !same(before.platforms, after.platforms) || !same(before.campaigns, after.campaigns);
  if (!scopeChanged) return drill;
  const kept =
    drill.parent.campaign_id !== undefined &&
    after.campaigns.includes(drill.parent.campaign_id) &&
    same(before.channels, after.channels) &&
    same(before.platforms, after.platforms);
  return kept ? drill : TOP;
}
