import type { Handlers } from '../../../shared/ipc/contract';
import type { AppContext } from '../app-context';

export function createAudiencesHandlers(_ctx: AppContext): Handlers['audiences'] {
  return {};
}
