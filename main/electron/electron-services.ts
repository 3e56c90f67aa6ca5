/**
 * The parts of the app core that differ under Electron: where secrets are sealed
 * (safeStorage) and where the engine runs (a utilityProcess).
 */
export interface ElectronServiceOptions {
  dataDir: string;
  engineEntry: string;
}

export async function startElectronServices(_options: ElectronServiceOptions): Promise<Record<string, never>> {
  return {};
}
