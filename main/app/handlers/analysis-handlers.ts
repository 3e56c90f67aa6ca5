import type { Handlers } from '../../../shared/ipc/contract';
import type { AppContext } from '../app-context';

export function createAnalysisHandlers(_ctx: AppContext): Handlers['analysis'] {
  return {};
}
