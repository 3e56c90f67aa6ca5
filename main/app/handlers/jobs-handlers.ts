import type { Handlers } from '../../../shared/ipc/contract';
import type { AppContext } from '../app-context';

export function createJobsHandlers(_ctx: AppContext): Handlers['jobs'] {
  return {};
}
