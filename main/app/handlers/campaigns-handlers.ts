import type { Handlers } from '../../../shared/ipc/contract';
import { dashboardFilterSchema, type DashboardFilter } from '../../../shared/ipc/campaigns-contract';
import { AppError } from '../../../shared/ipc/errors';
import { gridPageSql, type Filter, type GridQuery } from '../../../shared/analysis/campaigns/dashboard-sql';
import { campaignBreakdown, campaignGridCount, campaignGridCsv, campaignGridTotals, campaignKpis, campaignOptions, campaignTimeseries } from '../../../shared/analysis/campaigns/run-dashboard';
import { tableColumns } from '../../../shared/analysis/table-columns';
import type { AppContext } from '../app-context';

function toFilter(input: DashboardFilter): Filter {
  const f = dashboardFilterSchema.parse(input);
  return { from: f.from, to: f.to, channels: f.channels, platforms: f.platforms, campaigns: f.campaigns };
}

export function createCampaignsHandlers(ctx: AppContext): Handlers['campaigns'] {
  const engine = () => ctx.services.engine;

  /** Every widget reads the extract; without it the dashboard says where to get it. */
  function requireLoaded(): void {
    if (!ctx.services.loadedProducts().some((p) => p.id === 'campaign_performance')) {
      throw new AppError('missing_data', 'Pull Campaign Performance 360 in the Catalog to see this dashboard.');
    }
  }

  const grid = (input: { filter: DashboardFilter; level: GridQuery['level']; parent: GridQuery['parent']; search: string }): GridQuery => ({
    filter: toFilter(input.filter),
    level: input.level,
    parent: input.parent,
    search: input.search,
  });

  return {
    options: async () => {
      if (!ctx.services.loadedProducts().some((p) => p.id === 'campaign_performance')) {
        return { loaded: false, minDate: null, maxDate: null, channels: [], platforms: [], campaigns: [] };
      }
      return { loaded: true, ...(await campaignOptions(engine())) };
    },
    kpis: async ({ filter }) => {
      requireLoaded();
      return campaignKpis(engine(), toFilter(filter));
    },
    timeseries: async ({ filter, metric, granularity }) => {
      requireLoaded();
      return campaignTimeseries(engine(), toFilter(filter), metric, granularity);
    },
    breakdown: async ({ filter, dimension }) => {
      requireLoaded();
      return campaignBreakdown(engine(), toFilter(filter), dimension);
    },
    gridPage: async (input) => {
      requireLoaded();
      const q = grid(input);
      const cols = new Set((await tableColumns(engine(), 'campaign_performance')).map((c) => c.name));
      const page = gridPageSql(q, cols, input.sort, input.startRow, input.endRow);
      const total = await campaignGridCount(engine(), q);
      return { arrow: await engine().arrow(page.sql, page.params), total };
    },
    gridTotals: async (input) => {
      requireLoaded();
      return campaignGridTotals(engine(), grid(input));
    },
    exportCsv: async (input) => {
      requireLoaded();
      const q = grid(input);
      const out = await campaignGridCsv(engine(), q);
      await ctx.services.mesh.logActivity({ action: 'export', summary: `Exported ${out.rows} ${q.level.replace('_', ' ')} rows of Campaign Performance 360`, details: { level: q.level, filter: q.filter } });
      return out;
    },
  };
}
