/**
 * The dashboard's server state through the query layer: each widget's answer is cached by its
 * call and input (the filter, metric, level...), so changing a filter fetches what it changes and
 * going back shows the cached answer at once. A new Campaign Performance 360 extract invalidates
 * the whole `campaigns` domain (event-bridge.ts).
 */
import type { DashboardFilter, GridLevel } from '../../../../shared/ipc/campaigns-contract';
import type { MetricId } from '../../../../shared/metrics/metrics';
import { useApiQuery } from '../../api/queries';

export function useKpis(filter: DashboardFilter, enabled = true) {
  return useApiQuery('campaigns', 'kpis', { filter }, { enabled });
}

export function useTrend(filter: DashboardFilter, metric: MetricId, granularity: 'date' | 'week' | 'month') {
  return useApiQuery('campaigns', 'timeseries', { filter, metric, granularity });
}

export function useBreakdown(filter: DashboardFilter, dimension: 'channel' | 'platform') {
  return useApiQuery('campaigns', 'breakdown', { filter, dimension });
}

export function useGridTotals(filter: DashboardFilter, level: GridLevel, parent: { campaign_id?: string; ad_set_id?: string }, search: string, enabled = true) {
  return useApiQuery('campaigns', 'gridTotals', { filter, level, parent, search }, { enabled });
}
