import type { Handlers } from '../../../shared/ipc/contract';
import type { AppContext } from '../app-context';

export function createActivityHandlers(ctx: AppContext): Handlers['activity'] {
  return {
    list: async ({ limit }) => {
      const entries = await ctx.services.mesh.activity();
      const shown = entries.slice(-limit).reverse();
      const forwarded = await ctx.services.mesh.audit.statuses(shown);
      return { entries: shown.map((e) => ({ ...e, forwarded: forwarded.get(e.hash) })), total: entries.length };
    },
    verify: async () => ctx.services.mesh.verifyActivity(),
    export: async () => {
      const entries = await ctx.services.mesh.activity();
      await ctx.services.mesh.logActivity({
        action: 'export',
        summary: `Exported the activity log (${entries.length} entries)`,
        // It reads no data product: saying so (an empty list) lets lineage say "no data product"
        // rather than "not recorded".
        details: { entries: entries.length, reads: [] },
      });
      return { jsonl: entries.map((e) => JSON.stringify(e)).join('\n') + '\n', entries: entries.length };
    },
  };
}
