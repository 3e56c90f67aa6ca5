import type { Handlers } from '../../shared/ipc/contract';
import type { AppContext, AppHost } from './app-context';
import { AppEvents } from './app-events';
import type { AppServices } from './app-services';
import { JobTracker } from './job-tracker';
import { WorkspaceStore } from './workspace-store';
import { createActivityHandlers } from './handlers/activity-handlers';
import { createAnalysisHandlers } from './handlers/analysis-handlers';
import { createAudiencesHandlers } from './handlers/audiences-handlers';
import { createCampaignsHandlers } from './handlers/campaigns-handlers';
import { createCatalogHandlers } from './handlers/catalog-handlers';
import { createConnectionsHandlers } from './handlers/connections-handlers';
import { createExportsHandlers } from './handlers/exports-handlers';
import { createSharingHandlers } from './handlers/sharing-handlers';
import { createJobsHandlers } from './handlers/jobs-handlers';
import { createSessionHandlers } from './handlers/session-handlers';
import { createPlanningHandlers } from './handlers/planning-handlers';
import { createLineageHandlers } from './handlers/lineage-handlers';

export type { AppHost } from './app-context';

/**
 * Everything behind the IPC contract, independent of Electron: both the Electron main
 * process and the browser host build one of these and put a transport in front of it.
 */
export function createAppCore(host: AppHost, services: AppServices, events: AppEvents = new AppEvents()) {
  const workspace = new WorkspaceStore(host.dataDir);
  const jobs = new JobTracker(events);
  for (const problem of services.startupProblems?.() ?? []) jobs.reportFailure('pull', problem.title, problem.error);
  const ctx: AppContext = { host, events, workspace, jobs, services };

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
    session: createSessionHandlers(ctx),
    connections: createConnectionsHandlers(ctx),
    jobs: createJobsHandlers(ctx),
    catalog: createCatalogHandlers(ctx),
    campaigns: createCampaignsHandlers(ctx),
    analysis: createAnalysisHandlers(ctx),
    audiences: createAudiencesHandlers(ctx),
    activity: createActivityHandlers(ctx),
    exports: createExportsHandlers(ctx),
    sharing: createSharingHandlers(ctx),
    planning: createPlanningHandlers(ctx),
    lineage: createLineageHandlers(ctx),
  };

  return { handlers, events, ctx };
}

export type AppCore = ReturnType<typeof createAppCore>;
