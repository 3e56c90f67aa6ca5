/**
 * The whole IPC contract: one domain per feature. Electron's ipcMain handlers, the
 * preload bridge (`window.meshwork`), the browser host's HTTP routes and the renderer's
 * client are all derived from this object, so a call exists everywhere or nowhere.
 */
import { activityContract } from './activity-contract';
import { analysisContract } from './analysis-contract';
import { appContract } from './app-contract';
import { audiencesContract } from './audiences-contract';
import { campaignsContract } from './campaigns-contract';
import { catalogContract } from './catalog-contract';
import { connectionsContract } from './connections-contract';
import type { ClientOf, HandlersOf } from './define';
import { exportsContract } from './exports-contract';
import { sharingContract } from './sharing-contract';
import { jobsContract } from './jobs-contract';
import { planningContract } from './planning-contract';
import { sessionContract } from './session-contract';
import { workspaceContract } from './workspace-contract';
import { lineageContract } from './lineage-contract';

export const contract = {
  app: appContract,
  workspace: workspaceContract,
  session: sessionContract,
  connections: connectionsContract,
  jobs: jobsContract,
  catalog: catalogContract,
  campaigns: campaignsContract,
  analysis: analysisContract,
  audiences: audiencesContract,
  activity: activityContract,
  exports: exportsContract,
  sharing: sharingContract,
  planning: planningContract,
  lineage: lineageContract,
};

export type Contract = typeof contract;
export type Handlers = HandlersOf<Contract>;
export type MeshworkApi = ClientOf<Contract>;
