import type { Handlers } from '../../../shared/ipc/contract';
import { dashboardFilterSchema, type DashboardFilter } from '../../../shared/ipc/campaigns-contract';
import { AppError } from '../../../shared/ipc/errors';
import type { Filter, GridQuery } from '../../../shared/analysis/campaigns/dashboard-sql';
import type { AppContext } from '../app-context';
import { readsForLog } from '../../lineage/product-versions-read';

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
      return { loaded: true, ...(await engine().call('campaigns.options', {})) };
    },
    kpis: async ({ filter }) => {
      requireLoaded();
      return engine().call('campaigns.kpis', { filter: toFilter(filter) });
    },
    timeseries: async ({ filter, metric, granularity }) => {
      requireLoaded();
      return engine().call('campaigns.timeseries', { filter: toFilter(filter), metric, granularity });
    },
    breakdown: async ({ filter, dimension }) => {
      requireLoaded();
      return engine().call('campaigns.breakdown', { filter: toFilter(filter), dimension });
    },
    gridPage: async (input) => {
      requireLoaded();
      return engine().call('campaigns.gridPage', { query: grid(input), sort: input.sort, startRow: input.startRow, endRow: input.endRow });
    },
    gridTotals: async (input) => {
      requireLoaded();
      return engine().call('campaigns.gridTotals', { query: grid(input) });
    },
    exportCsv: async (input) => {
      requireLoaded();
      const q = grid(input);
      const out = await engine().call('campaigns.exportCsv', { query: q });
      await ctx.services.mesh.logActivity({
        action: 'export',
        summary: `Exported ${out.rows} ${q.level.replace('_', ' ')} rows of Campaign Performance 360`,
        details: { level: q.level, filter: q.filter, ...(await readsForLog(ctx.services, ['campaign_performance'])) },
      });
      return out;
    },
    exportParquet: async (input) => {
      requireLoaded();
      const q = grid(input);
      const out = await engine().call('campaigns.exportParquet', { query: q });
      await ctx.services.mesh.logActivity({
        action: 'export',
        summary: `Exported ${out.rows} ${q.level.replace('_', ' ')} rows of Campaign Performance 360 to Parquet`,
        details: {
          level: q.level,
          filter: q.filter,
          format: 'parquet',
          bytes: out.parquet.byteLength,
          ...(await readsForLog(ctx.services, ['campaign_performance'])),
        },
      });
      return out;
    },
  };
}
