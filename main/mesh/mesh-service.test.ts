/**
 * The mesh client against the project's mesh node over real HTTP on loopback, with the node's
 * fault injection: progress, resume, refusals that leave the previous version current, the
 * outbox's exactly-once activation, and offline behaviour.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestNode, type TestNode } from '../../fixtures/mesh/testing/test-support';
import { describeParquetInProcess } from './describe-parquet';
import { MeshService } from './mesh-service';
import type { PullProgress } from './pull';
import { FileKeySecretBox } from './secret-box';

let t: TestNode;

beforeAll(async () => {
  t = await startTestNode();
}, 120_000);

afterAll(async () => {
  await t?.dispose();
});

async function service(role: 'marketer' | 'approver' = 'marketer'): Promise<MeshService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-client-'));
  const svc = new MeshService({ dataDir, secretBox: new FileKeySecretBox(join(dataDir, 'key')), describe: describeParquetInProcess });
  await svc.connections.add({ name: 'test mesh', url: t.node.url, token: t.node.tokens[role] });
  return svc;
}

describe('pulling extracts', () => {
  it('pulls a product with progress events and installs it as the current version', async () => {
    const svc = await service();
    const events: PullProgress[] = [];
    const result = await svc.pull('touchpoints', { onProgress: (p) => events.push(p) });
    expect(result.files).toBeGreaterThan(1);
    expect(events.some((e) => e.phase === 'download' && e.bytesDone > 0 && e.bytesDone < e.bytesTotal)).toBe(true);
    expect(events.at(-1)).toMatchObject({ phase: 'done', bytesDone: result.bytes, bytesTotal: result.bytes });
    const cached = await svc.cachedProducts();
    expect(cached).toEqual([expect.objectContaining({ id: 'touchpoints', version: result.version })]);
    const parts = await readdir(join(cached[0]!.dataDir, 'touchpoints'));
    expect(parts.length).toBe(result.files);
    const log = await svc.activity();
    expect(log.at(-1)).toMatchObject({ action: 'pull', details: { product: 'touchpoints' } });
  });

  it('resumes a dropped download where it stopped and still verifies the checksum', async () => {
    const svc = await service();
    const events: PullProgress[] = [];
    t.node.setFaults({ truncateDownloads: 2 });
    const result = await svc.pull('conversions', { onProgress: (p) => events.push(p) });
    t.node.setFaults({});
    expect(result.rows).toBeGreaterThan(0);
    // Resumed with Range, not restarted: the bytes shown never go backwards.
    const downloads = events.filter((e) => e.phase === 'download').map((e) => e.bytesDone);
    expect(downloads.every((b, i) => i === 0 || b >= downloads[i - 1]!)).toBe(true);
    expect(downloads.at(-1)).toBe(result.bytes);
  });

  it('skips unchanged parts of a new version with If-None-Match', async () => {
    const svc = await service();
    const first = await svc.pull('experiment_assignments');
    t.node.publishNewVersion('experiment_assignments');
    // Every download would drop half-way; none is needed because no part changed.
    t.node.setFaults({ truncateDownloads: 1000 });
    try {
      const second = await svc.pull('experiment_assignments');
      expect(second.version).not.toBe(first.version);
      expect(second.reused).toBe(second.files);
    } finally {
      t.node.setFaults({});
    }
  });

  it('refuses a file that keeps arriving truncated and keeps the previous version current', async () => {
    const svc = await service('marketer');
    const first = await svc.pull('customers');
    t.node.publishNewVersion('customers');
    // The privacy officer receives raw PII: other bytes than the marketer's pseudonymised parts.
    await svc.connections.add({ name: 'as privacy officer', url: t.node.url, token: t.node.tokens.privacy_officer, makeActive: true });
    t.node.setFaults({ truncateDownloads: 1000 });
    try {
      await expect(svc.pull('customers')).rejects.toMatchObject({ code: 'truncated', message: expect.stringMatching(/stopped after \d+ of \d+ bytes/) });
    } finally {
      t.node.setFaults({});
    }
    // A mesh that answered and then dropped the connection is not "offline".
    expect(svc.isOnline()).toBe(true);
    expect((await svc.cachedProducts()).find((c) => c.id === 'customers')?.version).toBe(first.version);
    const second = await svc.pull('customers');
    expect(second.version).not.toBe(first.version);
    expect((await svc.cachedProducts()).find((c) => c.id === 'customers')?.version).toBe(second.version);
  });

  it('refuses a wrong checksum, a drifted schema and keeps the previous version current', async () => {
    const svc = await service();
    const first = await svc.pull('customers');
    t.node.publishNewVersion('customers');
    t.node.setFaults({ wrongChecksum: ['customers'] });
    await expect(svc.pull('customers')).rejects.toMatchObject({ code: 'checksum_mismatch' });
    t.node.setFaults({ driftSchema: ['customers'] });
    await expect(svc.pull('customers')).rejects.toMatchObject({ code: 'contract_violation', message: expect.stringMatching(/column \w+/) });
    t.node.setFaults({});
    const cached = await svc.cachedProducts();
    expect(cached.find((c) => c.id === 'customers')?.version).toBe(first.version);
  });

  it('works from the cache when the mesh is unreachable', async () => {
    const svc = await service();
    await svc.pull('events');
    const live = await svc.listProducts();
    expect(live.find((p) => p.id === 'events')?.cached).not.toBeNull();
    await svc.connections.add({ name: 'gone', url: 'http://127.0.0.1:9', token: 'x', makeActive: false });
    const id = (await svc.connections.list()).find((c) => c.name === 'gone')!.id;
    // Same cache, unreachable mesh: the catalog still lists what was seen, marked offline.
    await svc.connections.setActive(id);
    const offline = await svc.listProducts();
    expect(offline.length).toBe(live.length);
    expect(offline.every((p) => p.offline)).toBe(true);
    expect(offline.find((p) => p.id === 'events')?.cached?.version).toBe(live.find((p) => p.id === 'events')?.cached?.version);
    // The contract the pull was checked against is there for the product page.
    const contract = await svc.getContract('events');
    expect(contract.offline).toBe(true);
    expect(JSON.stringify(contract.contract)).toContain('event_name');
  });

  it('joins a second pull of the same product to the first, progress and all', async () => {
    const svc = await service();
    const seen = { a: 0, b: 0 };
    const [a, b] = await Promise.all([
      svc.pull('campaign_performance', { onProgress: () => seen.a++ }),
      svc.pull('campaign_performance', { onProgress: () => seen.b++ }),
    ]);
    expect(b).toEqual(a);
    expect(seen.b).toBeGreaterThan(0);
    expect((await svc.activity()).filter((e) => e.action === 'pull')).toHaveLength(1);
  });

  it('cancels a pull mid-download and installs nothing', async () => {
    const svc = await service();
    const controller = new AbortController();
    const pull = svc.pull('touchpoints', {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'download' && p.bytesDone > 0) controller.abort();
      },
    });
    await expect(pull).rejects.toMatchObject({ code: 'cancelled' });
    expect(await svc.cachedProducts()).toEqual([]);
    expect((await svc.activity()).filter((e) => e.action === 'pull')).toEqual([]);
  });
});

describe('audience writes through the outbox', () => {
  async function approvedAudience(): Promise<{ id: string; version: number }> {
    const marketer = await service('marketer');
    await marketer.me();
    const submitted = await marketer.submitAudience({
      name: `test audience ${Math.random()}`,
      spec: { kind: 'segment', rule: { all: [] } },
      destination: 'salesforce_crm',
      holdout_pct: 0,
      salt: 's',
      members: [],
    });
    expect(submitted.state).toBe('sent');
    const created = submitted.result as { id: string; version: number };
    const approver = await service('approver');
    await approver.me();
    const approved = await approver.approve(created.id, created.version, 'ok');
    expect(approved.state).toBe('sent');
    return created;
  }

  it('refuses a malformed audience before queuing it, naming the field', async () => {
    const marketer = await service('marketer');
    const bad = { name: 'x', spec: {}, destination: 'meta_ads', holdout_pct: 80, salt: 's', members: [] };
    await expect(marketer.submitAudience(bad)).rejects.toMatchObject({ code: 'invalid_audience', message: expect.stringMatching(/holdout_pct/) });
    expect(await marketer.outboxItems()).toEqual([]);
  });

  it('activates exactly once when the 202 is lost', async () => {
    const { id, version } = await approvedAudience();
    const marketer = await service('marketer');
    t.node.setFaults({ loseNext: 1, pathPrefix: '/v1/activations' });
    const queued = await marketer.activate(id, version);
    t.node.setFaults({});
    const item = await marketer.outbox.settle(queued.id);
    expect(item.state).toBe('sent');
    expect(item.attempts).toBe(2);
    const activations = (item.result as { id: string }).id;
    const audiences = await marketer.getActivation(activations);
    expect(audiences.id).toBe(activations);
    expect(activationsOf(id)).toHaveLength(1);
  });

  it('queues an activation while the mesh is down and sends it once when the mesh is back', async () => {
    const { id, version } = await approvedAudience();
    const marketer = await service('marketer');
    await marketer.me();
    const port = Number(new URL(t.node.url).port);
    await t.node.close();
    let item;
    try {
      item = await marketer.activate(id, version);
      expect(item).toMatchObject({ state: 'queued', lastError: expect.stringMatching(/Cannot reach the mesh/) });
      expect(marketer.isOnline()).toBe(false);
    } finally {
      await t.restart({ port });
    }
    // Any successful call means "back online", which drains the outbox without being asked.
    await marketer.me();
    const until = Date.now() + 10_000;
    while ((await marketer.outbox.get(item.id))?.state !== 'sent' && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect((await marketer.outbox.get(item.id))?.state).toBe('sent');
    expect(activationsOf(id)).toHaveLength(1);
  });

  it('keeps a queued activation through a SIGKILL and sends it exactly once after restart', async () => {
    const { id, version } = await approvedAudience();
    const dataDir = mkdtempSync(join(tmpdir(), 'mw-outbox-'));
    const setup = new MeshService({ dataDir, secretBox: new FileKeySecretBox(join(dataDir, 'key')), describe: describeParquetInProcess });
    await setup.connections.add({ name: 'test mesh', url: t.node.url, token: t.node.tokens.marketer });
    t.node.setFaults({ failNext: 10_000, pathPrefix: '/v1/activations' });
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'testing/outbox-child.ts'), dataDir, id, String(version)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const said = await new Promise<string>((done) => child.stdout!.once('data', (chunk: Buffer) => done(chunk.toString().trim())));
    expect(said).toBe('queued');
    child.kill('SIGKILL');
    await new Promise((done) => child.once('exit', done));
    t.node.setFaults({});
    expect(activationsOf(id)).toHaveLength(0);

    const restarted = new MeshService({ dataDir, secretBox: new FileKeySecretBox(join(dataDir, 'key')), describe: describeParquetInProcess });
    const [queued] = await restarted.outboxItems();
    expect(queued).toMatchObject({ kind: 'activate', state: 'queued' });
    const sent = await restarted.outbox.settle(queued!.id);
    expect(sent.state).toBe('sent');
    await restarted.drainOutbox();
    expect(activationsOf(id)).toHaveLength(1);
  });
});

describe('connections and reachability', () => {
  it('uses the default mesh until the user adds one, and reports going offline and back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mw-client-'));
    const svc = new MeshService({
      dataDir,
      secretBox: new FileKeySecretBox(join(dataDir, 'key')),
      defaultMesh: { url: t.node.url, token: t.node.tokens.analyst },
    });
    const changes: boolean[] = [];
    const unsubscribe = svc.onOnlineChange((online) => changes.push(online));
    expect((await svc.me()).user).toBeTruthy();
    expect(await svc.listConnections()).toEqual([expect.objectContaining({ url: t.node.url, embedded: true, active: true, roles: ['analyst'] })]);
    const { connection } = await svc.addConnection({ name: 'gone', url: 'http://127.0.0.1:9', token: 'x', makeActive: true });
    await expect(svc.listDestinations()).rejects.toMatchObject({ code: 'offline', message: expect.stringMatching(/Cannot reach the mesh/) });
    await svc.removeConnection(connection.id);
    await svc.listProducts();
    expect(changes).toEqual([true, false, true]);
    unsubscribe();
    expect((await svc.activity()).map((e) => e.action)).toEqual(['connection', 'connection']);
  });
});

describe('a mesh that stops answering', () => {
  it('gives up within seconds once the mesh is known to be unreachable and answers from the cache', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    try {
      const dataDir = mkdtempSync(join(tmpdir(), 'mw-client-'));
      const svc = new MeshService({ dataDir, secretBox: new FileKeySecretBox(join(dataDir, 'key')) });
      await svc.connections.add({ name: 'gone', url: 'http://127.0.0.1:9', token: 'x' });
      await expect(svc.listDestinations()).rejects.toMatchObject({ offline: true });
      await svc.connections.add({ name: 'silent', url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, token: 'x', makeActive: true });
      const started = Date.now();
      expect(await svc.listProducts()).toEqual([]);
      expect(Date.now() - started).toBeLessThan(6000);
    } finally {
      silent.closeAllConnections();
      await new Promise((done) => silent.close(done));
    }
  });
});

describe('a crash while a request is on the wire', () => {
  it('resends after a SIGKILL mid-request with the same key and ends with one activation', async () => {
    const { id, version } = await approvedAudienceFor();
    const dataDir = mkdtempSync(join(tmpdir(), 'mw-outbox-'));
    const setup = new MeshService({ dataDir, secretBox: new FileKeySecretBox(join(dataDir, 'key')) });
    await setup.connections.add({ name: 'test mesh', url: t.node.url, token: t.node.tokens.marketer });
    // The mesh holds the request for a while before acting on it: the child dies meanwhile.
    t.node.setFaults({ latencyMs: 1500, pathPrefix: '/v1/activations' });
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'testing/outbox-child.ts'), dataDir, id, String(version)], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    try {
      const until = Date.now() + 20_000;
      while (!(await setup.outboxItems()).some((i) => i.state === 'sending') && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
      expect((await setup.outboxItems())[0]?.state).toBe('sending');
    } finally {
      child.kill('SIGKILL');
      await new Promise((done) => child.once('exit', done));
    }
    // Let the mesh finish or drop the orphaned request (the project's node drops it: its body
    // never fully arrives) before the restart resends it; the lost-202 test covers the mesh
    // having acted on it.
    await new Promise((r) => setTimeout(r, 2000));
    t.node.setFaults({});
    const restarted = new MeshService({ dataDir, secretBox: new FileKeySecretBox(join(dataDir, 'key')) });
    const [item] = await restarted.outboxItems();
    const sent = await restarted.outbox.settle(item!.id);
    expect(sent).toMatchObject({ state: 'sent', idempotencyKey: item!.idempotencyKey });
    expect(activationsOf(id)).toHaveLength(1);
  }, 30_000);
});

/** An audience version submitted by the marketer and approved by the approver. */
async function approvedAudienceFor(): Promise<{ id: string; version: number }> {
  const created = await call<{ id: string; version: number }>(t.node, 'marketer', 'POST', '/v1/audiences', {
    name: `crash audience ${Math.random()}`,
    spec: { kind: 'segment', rule: { all: [] } },
    destination: 'salesforce_crm',
    holdout_pct: 0,
    salt: 's',
    members: [],
  });
  await call(t.node, 'approver', 'POST', `/v1/audiences/${created.body.id}/versions/${created.body.version}/approve`, { comment: 'ok' });
  return created.body;
}

/** The mesh node's own record of activations for one audience (its durable state file). */
function activationsOf(audienceId: string): unknown[] {
  const state = JSON.parse(readFileSync(join(t.stateDir, 'state.json'), 'utf8')) as { activations: Array<{ audience_id: string }> };
  return state.activations.filter((a) => a.audience_id === audienceId);
}
