import type { AppEvents } from './app-events';
import type { AppServices } from './app-services';
import type { JobTracker } from './job-tracker';
import type { WorkspaceStore } from './workspace-store';

export interface AppHost {
  kind: 'electron' | 'web';
  version: string;
  dataDir: string;
  /** Opens a vetted external URL; the browser host cannot, so it answers false. */
  openExternal: (url: string) => Promise<boolean>;
}

/** What every domain's handlers may use. */
export interface AppContext {
  host: AppHost;
  events: AppEvents;
  workspace: WorkspaceStore;
  jobs: JobTracker;
  services: AppServices;
}
