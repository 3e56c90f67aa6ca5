import { existsSync } from 'node:fs';

/** Debian's Chromium; override with MESHWORK_CHROMIUM. Never downloaded by the tests. */
export const CHROMIUM_PATH = process.env.MESHWORK_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumMissingReason(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium, or set MESHWORK_CHROMIUM)`;
}
