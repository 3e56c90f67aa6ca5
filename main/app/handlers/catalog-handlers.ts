import type { Handlers } from '../../../shared/ipc/contract';
import type { AppContext } from '../app-context';

export function createCatalogHandlers(_ctx: AppContext): Handlers['catalog'] {
  return {};
}
