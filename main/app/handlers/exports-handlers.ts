import type { Handlers } from '../../../shared/ipc/contract';
import type { AppContext } from '../app-context';

/** Result-table exports: Parquet written by the engine, and every export (CSV too) in the activity log. */
export function createExportsHandlers(ctx: AppContext): Handlers['exports'] {
  return {
    parquet: async (table) => {
      const out = await ctx.services.engine.call('export.parquet', { table });
      await ctx.services.mesh.logActivity({
        action: 'export',
        summary: `Exported ${out.rows} rows of ${table.title} to Parquet`,
        details: { kind: table.kind, format: 'parquet', columns: table.columns.map((c) => c.name), bytes: out.parquet.byteLength },
      });
      return out;
    },
    recordCsv: async ({ kind, title, rows }) => {
      await ctx.services.mesh.logActivity({ action: 'export', summary: `Exported ${rows} rows of ${title} to CSV`, details: { kind, format: 'csv' } });
      return { ok: true as const };
    },
  };
}
