import type { Handlers } from '../../../shared/ipc/contract';
import type { AppContext } from '../app-context';

export function createSessionHandlers(_ctx: AppContext): Handlers['session'] {
  return {};
}
