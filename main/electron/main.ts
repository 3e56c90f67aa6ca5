/**
 * Electron main: one window on app://, the IPC contract's handlers, and the engine in a
 * utility process. Thin on purpose: the work lives in plain modules (main/app, main/mesh,
 * main/engine) that also run under the browser host and the CLI.
 */
import { app, BrowserWindow, ipcMain } from 'electron';
import { join } from 'node:path';
import './security';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { openExternalSafely } from './security';
import { APP_ENTRY } from './trusted-url';
import { createAppCore } from '../app/app-core';
import { AppEvents } from '../app/app-events';
import { contractCalls, createDispatcher } from '../ipc/dispatcher';
import { channelOf } from '../../shared/ipc/define';
import { startElectronServices } from './electron-services';
import { redactText } from '../mesh/redact';
import { configureLogging, getLogger, workspaceLogFile } from '../logging/logger';

const log = getLogger('electron-main');

const here = import.meta.dirname;

registerAppScheme();

if (!app.requestSingleInstanceLock()) app.quit();

async function boot(): Promise<void> {
  await app.whenReady();
  serveAppScheme(join(here, '../renderer'));

  const dataDir = process.env.MESHWORK_DATA_DIR ?? join(app.getPath('userData'), 'workspace');
  // Before anything else starts: the engine process inherits the file's path from here.
  configureLogging({ kind: 'file', file: workspaceLogFile(dataDir) });
  log.info('starting', { version: app.getVersion(), packaged: app.isPackaged });
  const events = new AppEvents();
  const services = await startElectronServices({
    dataDir,
    events,
    engineEntry: join(here, 'engine-process.js'),
    // The embedded mesh's data contracts: a resource beside the asar when packaged.
    contractsDir: app.isPackaged ? join(process.resourcesPath, 'contracts') : join(app.getAppPath(), 'fixtures/contracts'),
  });
  const core = createAppCore({ kind: 'electron', version: app.getVersion(), dataDir, openExternal: openExternalSafely }, services, events);
  const dispatch = createDispatcher(core.handlers);
  for (const { domain, method } of contractCalls()) {
    ipcMain.handle(channelOf(domain, method), async (event, input: unknown) => {
      if (!event.senderFrame || !event.senderFrame.url.startsWith('app://meshwork/')) {
        return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the Meshwork window.' } };
      }
      return dispatch(domain, method, input);
    });
  }

  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 680,
    title: 'Meshwork',
    show: false,
    backgroundColor: '#f6f7fb',
    webPreferences: {
      // The preload is the narrow, named bridge of preload.ts (no generic invoke), reviewed.
      preload: join(here, '../preload/preload.cjs'), // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      devTools: !app.isPackaged,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  core.events.subscribe((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(`event.${name}`, payload);
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(APP_ENTRY);

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    services.close().catch((error: unknown) => log.error('could not shut the services down cleanly', { err: error }));
  });
}

boot().catch((error: unknown) => {
  log.error('failed to start', { err: error });
  // Logging may not be set up yet (the failure can precede it): say it on stderr as well, with
  // no token in it, even one a mesh echoed into its error (docs/security.md).
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`Meshwork failed to start: ${redactText(text, [process.env.MESHWORK_MESH_TOKEN ?? ''])}\n`);
  app.exit(1);
});
