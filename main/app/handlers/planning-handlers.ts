import type { Handlers } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/errors';
import type { AppContext } from '../app-context';

/** Requires the named products to be loaded, naming what to pull. */
function requireLoaded(ctx: AppContext, ids: string[]): void {
  const loaded = new Set(ctx.services.loadedProducts().map((p) => p.id));
  const missing = ids.filter((id) => !loaded.has(id));
  if (missing.length > 0)
    throw new AppError('missing_data', `Pull ${missing.join(' and ')} in the Catalog first: this reads ${missing.length === 1 ? 'it' : 'them'}.`);
}

export function createPlanningHandlers(ctx: AppContext): Handlers['planning'] {
  return {
    forecast: async (input) => {
      requireLoaded(ctx, ['campaign_performance']);
      return ctx.services.engine.call('planning.forecast', input);
    },
    churnCalibration: async () => {
      requireLoaded(ctx, ['churn_scores', 'customers']);
      return ctx.services.engine.call('planning.churnCalibration', {});
    },
  };
}
