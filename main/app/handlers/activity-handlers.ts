import type { Handlers } from '../../../shared/ipc/contract';
import type { AppContext } from '../app-context';

export function createActivityHandlers(_ctx: AppContext): Handlers['activity'] {
  return {};
}
