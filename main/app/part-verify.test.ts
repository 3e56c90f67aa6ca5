/**
 * A damaged cached part (4 KB flipped in the middle, same size) is refused before it reaches
 * the engine, with a message naming it; the other products keep working.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../../fixtures/mesh/testing/test-support';
import { FileKeySecretBox } from '../mesh/secret-box';
import { flipMiddle4k } from '../mesh/testing/damage';
import { createAppCore } from './app-core';
import { AppEvents } from './app-events';
import { startServices, type RunningServices } from './start-services';
import { inProcessEngines } from './testing/in-process-engine';

let t: TestNode;
let dataDir: string;
const running: RunningServices[] = [];

const engines = inProcessEngines();

async function start(): Promise<RunningServices> {
  const services = await startServices({
    dataDir,
    events: new AppEvents(),
    secretBox: new FileKeySecretBox(join(dataDir, 'key')),
    engineTransport: engines.transport,
    mesh: { url: t.node.url, token: t.node.tokens.analyst },
  });
  running.push(services);
  return services;
}

beforeAll(async () => {
  t = await startTestNode();
  dataDir = mkdtempSync(join(tmpdir(), 'mw-verify-app-'));
}, 120_000);
afterAll(async () => {
  for (const s of running) await s.close().catch(() => undefined);
  await t?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('cached parts are verified before loading', () => {
  it('refuses a damaged customers part and keeps conversions working', async () => {
    const first = await start();
    await first.mesh.pull('customers');
    await first.mesh.pull('conversions');
    await first.refreshData();
    const [before] = await engines.workspaceDb().all<{ n: number }>('SELECT count(*) AS n FROM conversions');
    await first.close();
    await new Promise((done) => setTimeout(done, 200));

    const dir = (await first.mesh.cachedProducts()).find((p) => p.id === 'customers')!.dataDir;
    const parts = readdirSync(join(dir, 'customers')).map((f) => join(dir, 'customers', f));
    const largest = parts.sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
    flipMiddle4k(largest);

    const second = await start();
    // Startup loads what verifies: conversions yes, customers no.
    expect(
      second
        .loadedProducts()
        .map((p) => p.id)
        .sort(),
    ).toEqual(['conversions']);
    await expect(second.refreshData()).rejects.toMatchObject({ code: 'damaged_extract', message: expect.stringContaining(`${largest} is damaged`) });
    const core = createAppCore({ kind: 'web', version: 'test', dataDir, openExternal: async () => false }, second);
    await expect(core.handlers.analysis.segmentCount({ rule: { all: [] } })).rejects.toMatchObject({ code: 'missing_data' });
    const tables = await engines.workspaceDb().all<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main'");
    expect(tables.map((r) => r.name)).not.toContain('customers');
    expect(await engines.workspaceDb().all('SELECT count(*) AS n FROM conversions')).toEqual([before]);
    // A fresh pull repairs it.
    await second.mesh.pull('customers');
    await second.refreshData();
    expect(
      second
        .loadedProducts()
        .map((p) => p.id)
        .sort(),
    ).toEqual(['conversions', 'customers']);
  });
});
