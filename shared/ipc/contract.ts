/**
 * The whole IPC contract: one domain per feature. Electron's ipcMain handlers, the
 * preload bridge (`window.meshwork`), the browser host's HTTP routes and the renderer's
 * client are all derived from this object, so a call exists everywhere or nowhere.
 */
import { appContract } from './app-contract';
import type { ClientOf, HandlersOf } from './define';
import { workspaceContract } from './workspace-contract';

export const contract = {
  app: appContract,
  workspace: workspaceContract,
};

export type Contract = typeof contract;
export type Handlers = HandlersOf<Contract>;
export type MeshworkApi = ClientOf<Contract>;
