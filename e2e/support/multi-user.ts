import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { startTsxProcess, startWebHostProcess, type RunningProcess } from './web-host-process';

export type Role = 'marketer' | 'analyst' | 'approver' | 'privacy_officer';

export interface MeshProcess extends RunningProcess {
  tokens: Record<Role, string>;
  port: number;
  stateDir: string;
}

/** The project's mesh node as a real process (`npm run mesh`), on a given port or a free one. */
export async function startMesh(stateDir = mkdtempSync(join(tmpdir(), 'mw-mesh-')), port = 0): Promise<MeshProcess> {
  const started = await startTsxProcess('fixtures/mesh/mesh-cli.ts', ['--port', String(port), '--state', stateDir, '--customers', '2000'], /^\{"url"/);
  const first = JSON.parse(started.firstLine) as { url: string; tokens: Record<Role, string> };
  return { ...started, url: first.url, tokens: first.tokens, port: Number(new URL(first.url).port), stateDir };
}

export interface UserSession {
  page: Page;
  dataDir: string;
  close: () => Promise<void>;
}

/** One user: their own browser host (own workspace) connected to the mesh with their token, and a page. */
export async function openAs(browser: Browser, mesh: { url: string; tokens: Record<Role, string> }, role: Role): Promise<UserSession> {
  const dataDir = mkdtempSync(join(tmpdir(), `mw-${role}-`));
  const host = await startWebHostProcess(dataDir, { MESHWORK_MESH_URL: mesh.url, MESHWORK_MESH_TOKEN: mesh.tokens[role] });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(host.url);
  return {
    page,
    dataDir,
    close: async () => {
      await context.close();
      await host.stop();
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
