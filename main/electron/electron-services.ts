/**
 * The parts of the app that differ under Electron: secrets sealed by the OS keychain
 * (safeStorage) and the engine in a utilityProcess.
 */
import { safeStorage } from 'electron';
import type { AppEvents } from '../app/app-events';
import { startServices, type RunningServices } from '../app/start-services';
import type { SecretBox } from '../mesh/secret-box';
import { utilityEngineTransport } from './utility-engine-transport';

export interface ElectronServiceOptions {
  dataDir: string;
  engineEntry: string;
  events: AppEvents;
  contractsDir?: string;
}

const safeStorageBox: SecretBox = {
  kind: 'os-keychain (Electron safeStorage)',
  encrypt: (plain) => {
    if (!safeStorage.isEncryptionAvailable())
      throw new Error('The system keychain is not available, so Meshwork cannot store mesh tokens safely. Unlock your keychain and try again.');
    return safeStorage.encryptString(plain);
  },
  decrypt: (sealed) => safeStorage.decryptString(sealed),
};

export function startElectronServices(options: ElectronServiceOptions): Promise<RunningServices> {
  return startServices({
    dataDir: options.dataDir,
    events: options.events,
    secretBox: safeStorageBox,
    engineTransport: () => utilityEngineTransport(options.engineEntry),
    mesh:
      process.env.MESHWORK_MESH_URL && process.env.MESHWORK_MESH_TOKEN
        ? { url: process.env.MESHWORK_MESH_URL, token: process.env.MESHWORK_MESH_TOKEN }
        : undefined,
    demoCustomers: process.env.MESHWORK_DEMO_CUSTOMERS ? Number(process.env.MESHWORK_DEMO_CUSTOMERS) : undefined,
    contractsDir: options.contractsDir,
  });
}
