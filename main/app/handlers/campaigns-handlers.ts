import type { Handlers } from '../../../shared/ipc/contract';
import type { AppContext } from '../app-context';

export function createCampaignsHandlers(_ctx: AppContext): Handlers['campaigns'] {
  return {};
}
