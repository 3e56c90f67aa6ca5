import type { Handlers } from '../../../shared/ipc/contract';
import type { AppContext } from '../app-context';

export function createJobsHandlers(ctx: AppContext): Handlers['jobs'] {
  return {
    list: async () => ({ jobs: ctx.jobs.list() }),
    cancel: async ({ id }) => ({ cancelled: ctx.jobs.cancel(id) }),
  };
}
