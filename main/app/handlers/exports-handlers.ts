import type { Handlers } from '../../../shared/ipc/contract';
import type { AppContext } from '../app-context';
import { EXPORT_KIND_PRODUCTS } from '../../../shared/lineage/lineage-labels';
import { readsForLog } from '../../lineage/product-versions-read';

/** Result-table exports: Parquet written by the engine, and every export (CSV too) in the activity log. */
export function createExportsHandlers(ctx: AppContext): Handlers['exports'] {
  return {
    parquet: async (table) => {
      const out = await ctx.services.engine.call('export.parquet', { table });
      await ctx.services.mesh.logActivity({
        action: 'export',
        summary: `Exported ${out.rows} rows of ${table.title} to Parquet`,
        details: {
          kind: table.kind,
          format: 'parquet',
          columns: table.columns.map((c) => c.name),
          bytes: out.parquet.byteLength,
          ...(await readsForLog(ctx.services, EXPORT_KIND_PRODUCTS[table.kind] ?? [])),
        },
      });
      return out;
    },
    recordCsv: async ({ kind, title, rows }) => {
      const reads = await readsForLog(ctx.services, EXPORT_KIND_PRODUCTS[kind] ?? []);
      await ctx.services.mesh.logActivity({
        action: 'export',
        summary: `Exported ${rows} rows of ${title} to CSV`,
        details: { kind, format: 'csv', ...reads },
      });
      return { ok: true as const };
    },
  };
}
