import type { Handlers } from '../../../shared/ipc/contract';
import { dashboardFilterSchema, type DashboardFilter } from '../../../shared/ipc/campaigns-contract';
import { AppError } from '../../../shared/ipc/errors';
import { METRIC_IDS } from '../../../shared/metrics/metrics';
import {
  breakdownSql,
  gridCountSql,
  gridExportSql,
  gridPageSql,
  gridTotalsSql,
  kpiSql,
  levelColumns,
  previousPeriod,
  timeseriesSql,
  toCsv,
  type Filter,
  type GridQuery,
} from '../../../shared/analysis/campaigns/dashboard-sql';
import type { AppContext } from '../app-context';

type Values = Record<string, number | null>;

function metricValues(row: Record<string, unknown> | undefined): Values {
  const out: Values = {};
  for (const id of METRIC_IDS) {
    const v = row?.[id];
    out[id] = typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
  return out;
}

function toFilter(input: DashboardFilter): Filter {
  const f = dashboardFilterSchema.parse(input);
  return { from: f.from, to: f.to, channels: f.channels, platforms: f.platforms, campaigns: f.campaigns };
}

export function createCampaignsHandlers(ctx: AppContext): Handlers['campaigns'] {
  const engine = () => ctx.services.engine;
  let columnsCache: { version: string; columns: Set<string> } | null = null;

  /** The loaded extract's columns (metrics fall back where optional columns are absent). */
  async function columns(): Promise<Set<string>> {
    const loaded = ctx.services.loadedProducts().find((p) => p.id === 'campaign_performance');
    if (!loaded) {
      throw new AppError('missing_data', 'Pull Campaign Performance 360 in the Catalog to see this dashboard.');
    }
    if (columnsCache?.version !== loaded.version) {
      const rows = await engine().all<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'campaign_performance'`);
      columnsCache = { version: loaded.version, columns: new Set(rows.map((r) => r.column_name)) };
    }
    return columnsCache.columns;
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
      const [range] = await engine().all<{ lo: string | null; hi: string | null }>(`SELECT strftime(min("date"), '%Y-%m-%d') AS lo, strftime(max("date"), '%Y-%m-%d') AS hi FROM campaign_performance`);
      const channels = await engine().all<{ v: string }>(`SELECT DISTINCT channel AS v FROM campaign_performance WHERE channel IS NOT NULL ORDER BY 1`);
      const platforms = await engine().all<{ v: string }>(`SELECT DISTINCT platform AS v FROM campaign_performance WHERE platform IS NOT NULL ORDER BY 1`);
      const campaigns = await engine().all<{ id: string; name: string }>(`SELECT campaign_id AS id, any_value(campaign_name) AS name FROM campaign_performance WHERE campaign_id IS NOT NULL GROUP BY 1 ORDER BY 2, 1`);
      return { loaded: true, minDate: range?.lo ?? null, maxDate: range?.hi ?? null, channels: channels.map((r) => r.v), platforms: platforms.map((r) => r.v), campaigns };
    },
    kpis: async ({ filter }) => {
      const cols = await columns();
      const current = toFilter(filter);
      const previous = previousPeriod(current);
      const a = kpiSql(current, cols);
      const b = kpiSql(previous, cols);
      const [now] = await engine().all(a.sql, a.params);
      const [before] = await engine().all(b.sql, b.params);
      return { current: metricValues(now), previous: metricValues(before), previousFrom: previous.from, previousTo: previous.to };
    },
    timeseries: async ({ filter, metric, granularity }) => {
      const q = timeseriesSql(toFilter(filter), metric, granularity, await columns());
      const rows = await engine().all<Record<string, unknown> & { period: string }>(q.sql, q.params);
      return { points: rows.map((r) => ({ period: r.period, value: typeof r[metric] === 'number' ? (r[metric] as number) : null })) };
    },
    breakdown: async ({ filter, dimension }) => {
      const q = breakdownSql(toFilter(filter), dimension, await columns());
      const rows = await engine().all<Record<string, unknown> & { key: string | null }>(q.sql, q.params);
      return { rows: rows.map((r) => ({ key: r.key ?? '(none)', values: metricValues(r) })) };
    },
    gridPage: async (input) => {
      const cols = await columns();
      const q = grid(input);
      const page = gridPageSql(q, cols, input.sort, input.startRow, input.endRow);
      const count = gridCountSql(q, cols);
      const [total] = await engine().all<{ n: number }>(count.sql, count.params);
      return { arrow: await engine().arrow(page.sql, page.params), total: total?.n ?? 0 };
    },
    gridTotals: async (input) => {
      const q = gridTotalsSql(grid(input), await columns());
      const [row] = await engine().all(q.sql, q.params);
      return { values: metricValues(row) };
    },
    exportCsv: async (input) => {
      const q = grid(input);
      const sql = gridExportSql(q, await columns());
      const rows = await engine().all(sql.sql, sql.params);
      const header = [...levelColumns(q.level), ...METRIC_IDS];
      await ctx.services.mesh.logActivity({ action: 'export', summary: `Exported ${rows.length} ${q.level.replace('_', ' ')} rows of Campaign Performance 360`, details: { level: q.level, filter: q.filter } });
      return { csv: toCsv(header, rows), rows: rows.length };
    },
  };
}
