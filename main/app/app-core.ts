import type { Handlers } from '../../shared/ipc/contract';
import { AppEvents } from './app-events';
import { WorkspaceStore } from './workspace-store';

export interface AppHost {
  kind: 'electron' | 'web';
  version: string;
  dataDir: string;
  /** Opens a vetted external URL; the browser host cannot, so it answers false. */
  openExternal: (url: string) => Promise<boolean>;
}

/**
 * Everything behind the IPC contract, independent of Electron: both the Electron main
 * process and the browser host build one of these and put a transport in front of it.
 */
export function createAppCore(host: AppHost) {
  const events = new AppEvents();
  const workspace = new WorkspaceStore(host.dataDir);

  const handlers: Handlers = {
    app: {
      info: async () => ({
        name: 'Meshwork',
        version: host.version,
        host: host.kind,
        platform: process.platform,
        dataDir: host.dataDir,
      }),
      // host.openExternal vets the URL (security.ts) before the system browser sees it.
      openExternal: async ({ url }) => ({ opened: await host.openExternal(url) }), // eng-disable OPEN_EXTERNAL_JS_CHECK
    },
    workspace: {
      getUiState: async () => workspace.getUi(),
      setUiState: async (patch) => workspace.setUi(patch),
      listSaved: async ({ kind }) => ({ items: await workspace.list(kind) }),
      save: async (input) => workspace.save(input),
      rename: async ({ id, name }) => workspace.rename(id, name),
      duplicate: async ({ id, name }) => workspace.duplicate(id, name),
      remove: async ({ id }) => ({ removed: await workspace.remove(id) }),
    },
  };

  return { handlers, events, close: async () => undefined };
}

export type AppCore = ReturnType<typeof createAppCore>;
