import type { Handlers } from '../../../shared/ipc/contract';
import type { AppContext } from '../app-context';

export function createSessionHandlers(ctx: AppContext): Handlers['session'] {
  return {
    me: async () => ctx.services.session(),
  };
}
