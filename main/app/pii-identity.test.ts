/**
 * PII follows identity, through the app core with a real local mesh node: the extract cache and
 * the engine are shared by every identity of a workspace, so a privacy officer's raw Customer 360
 * must never be loaded, queried or counted against for a marketer, a marketer's re-pull of the
 * same version must replace the raw table, and a server that claims `pii_access: true` must not
 * unlock data pulled from another mesh.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../../fixtures/mesh/testing/test-support';
import { FileKeySecretBox } from '../mesh/secret-box';
import { createAppCore, type AppCore } from './app-core';
import { AppEvents } from './app-events';
import { startServices, type RunningServices } from './start-services';
import { inProcessEngines } from './testing/in-process-engine';

let t: TestNode;
let dataDir: string;
let services: RunningServices;
let core: AppCore;
let impostor: Server;
let impostorUrl: string;

const engines = inProcessEngines();

const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestNode();
  Object.assign(tokens, t.node.tokens);
  dataDir = mkdtempSync(join(tmpdir(), 'mw-pii-'));
  const events = new AppEvents();
  services = await startServices({
    dataDir,
    events,
    secretBox: new FileKeySecretBox(join(dataDir, 'key')),
    engineTransport: engines.transport,
    mesh: { url: t.node.url, token: t.node.tokens.privacy_officer },
  });
  core = createAppCore({ kind: 'web', version: 'test', dataDir, openExternal: async () => false }, services, events);
  // A local server that says anyone is a privacy officer.
  impostor = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/me')
      res.end(JSON.stringify({ user: 'mallory', roles: ['privacy_officer'], purposes: ['email', 'ads', 'analytics'], pii_access: true }));
    else {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { code: 'not_found', message: 'nothing here' } }));
    }
  });
  await new Promise<void>((done) => impostor.listen(0, '127.0.0.1', done));
  impostorUrl = `http://127.0.0.1:${(impostor.address() as AddressInfo).port}`;
}, 180_000);

afterAll(async () => {
  await services?.close();
  await new Promise((done) => impostor?.close(done));
  await t?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function becomeUser(token: string, url = t.node.url): Promise<void> {
  const { connection } = await services.mesh.addConnection({ name: `as ${token.slice(0, 6)}`, url, token, makeActive: false });
  await core.handlers.connections.setActive({ id: connection.id });
}

async function customersEmails(): Promise<string[]> {
  const rows = await engines.workspaceDb().all<{ email: string }>('SELECT email FROM customers ORDER BY customer_id LIMIT 5');
  return rows.map((r) => r.email);
}

const tableNames = async (): Promise<string[]> =>
  (await engines.workspaceDb().all<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main'")).map(
    (r) => r.name,
  );

describe('PII follows the identity', () => {
  let firstLetter = '';

  it('a privacy officer pulls raw Customer 360 and can filter and preview it', async () => {
    await services.mesh.pull('customers');
    await services.refreshData();
    const emails = await customersEmails();
    expect(emails[0]).toContain('@');
    firstLetter = emails[0]!.slice(0, 1);
    const count = await core.handlers.analysis.segmentCount({ rule: { attribute: 'email', op: 'starts_with', value: firstLetter } });
    expect(count.count).toBeGreaterThan(0);
    const preview = await core.handlers.analysis.segmentPreview({ rule: { all: [] }, limit: 3 });
    expect(preview.masked).toBe(false);
    expect(String(preview.rows[0]?.email)).not.toContain('***');
  });

  it('after switching to a marketer the raw table is gone: not loaded, not queried, not counted', async () => {
    await becomeUser(tokens.marketer!);
    expect(await tableNames()).not.toContain('customers');
    expect(services.loadedProducts().map((p) => p.id)).not.toContain('customers');
    // The prefix oracle: refused before any count is made.
    await expect(core.handlers.analysis.segmentCount({ rule: { attribute: 'email', op: 'starts_with', value: firstLetter } })).rejects.toMatchObject({
      code: 'missing_data',
    });
    await expect(core.handlers.analysis.runSpec({ spec: { kind: 'segment', rule: { all: [] } } })).rejects.toMatchObject({ code: 'missing_data' });
  });

  it("the marketer's re-pull of the same version replaces the raw table; PII conditions are refused at the condition", async () => {
    const officerVersion = (await services.mesh.cache.current('customers'))!.version;
    const result = await services.mesh.pull('customers');
    expect(result.version).toBe(officerVersion);
    await services.refreshData();
    expect(await tableNames()).toContain('customers');
    // Pseudonymised: the e-mail column holds email_sha256, never an address.
    for (const email of await customersEmails()) expect(email).toMatch(/^[0-9a-f]{64}$/);
    await expect(
      core.handlers.analysis.segmentCount({
        rule: {
          all: [
            { attribute: 'country', op: 'is_not_null' },
            { attribute: 'email', op: 'starts_with', value: 'a' },
          ],
        },
      }),
    ).rejects.toMatchObject({
      code: 'pii_not_permitted',
      path: 'rule.all[1].attribute',
    });
    await expect(core.handlers.analysis.runSpec({ spec: { kind: 'segment', rule: { attribute: 'phone', op: 'is_null' } } })).rejects.toMatchObject({
      code: 'pii_not_permitted',
      path: 'rule.attribute',
    });
    const preview = await core.handlers.analysis.segmentPreview({ rule: { all: [] }, limit: 3 });
    expect(preview.masked).toBe(true);
    expect(String(preview.rows[0]?.email)).toContain('***');
    // Non-PII conditions still work for the marketer.
    expect((await core.handlers.analysis.segmentCount({ rule: { attribute: 'country', op: 'is_not_null' } })).count).toBeGreaterThan(0);
  });

  it("a privacy officer reading the marketer's pseudonymised extract is told the preview is masked until they pull again", async () => {
    await becomeUser(tokens.privacy_officer!);
    const before = await core.handlers.analysis.segmentPreview({ rule: { all: [] }, limit: 3 });
    expect(String(before.rows[0]?.email)).toMatch(/^[0-9a-f]{64}$/);
    expect(before.masked).toBe(true);
    await services.mesh.pull('customers');
    await services.refreshData();
    const after = await core.handlers.analysis.segmentPreview({ rule: { all: [] }, limit: 3 });
    expect(String(after.rows[0]?.email)).toContain('@');
    expect(after.masked).toBe(false);
  });

  it('a local server claiming pii_access does not unlock raw data pulled from another mesh', async () => {
    await becomeUser(tokens.privacy_officer!);
    await services.mesh.pull('customers');
    await services.refreshData();
    expect((await customersEmails())[0]).toContain('@');
    await becomeUser('anything', impostorUrl);
    const me = await core.handlers.session.me({});
    expect(me).toMatchObject({ user: 'mallory', pii_access: true });
    expect(await tableNames()).not.toContain('customers');
    await expect(core.handlers.analysis.segmentPreview({ rule: { all: [] }, limit: 3 })).rejects.toMatchObject({ code: 'missing_data' });
    // Back on the real mesh as the privacy officer, the same extract is served again.
    await becomeUser(tokens.privacy_officer!);
    expect((await customersEmails())[0]).toContain('@');
  });
});
