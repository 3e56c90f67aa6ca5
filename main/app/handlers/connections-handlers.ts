import type { Handlers } from '../../../shared/ipc/contract';
import type { AppContext } from '../app-context';

export function createConnectionsHandlers(_ctx: AppContext): Handlers['connections'] {
  return {};
}
