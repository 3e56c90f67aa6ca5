/**
 * Activity entries reach the mesh's audit trail (POST /v1/audit on the project's node, over
 * real HTTP): redacted, waiting while the mesh is down, sent once it is back, never twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrailSchema } from '../../shared/mesh-api';
import { startTestNode, type TestNode } from '../../fixtures/mesh/testing/test-support';
import { describeParquetInProcess } from './describe-parquet';
import { MeshService } from './mesh-service';
import { FileKeySecretBox } from './secret-box';

let t: TestNode;

beforeAll(async () => {
  t = await startTestNode();
}, 120_000);
afterAll(async () => t?.dispose());

async function service(): Promise<{ svc: MeshService; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-audit-'));
  const svc = new MeshService({ dataDir, secretBox: new FileKeySecretBox(join(dataDir, 'key')), describe: describeParquetInProcess });
  await svc.connections.add({ name: 'test mesh', url: t.node.url, token: t.node.tokens.marketer });
  return { svc, dataDir };
}

async function trail() {
  const res = await fetch(new URL('/v1/audit', t.node.url), { headers: { Authorization: `Bearer ${t.node.adminToken}` } });
  return auditTrailSchema.parse(await res.json()).entries;
}

async function statesOf(svc: MeshService): Promise<string[]> {
  const entries = await svc.activity();
  const statuses = await svc.audit.statuses(entries);
  return entries.map((e) => statuses.get(e.hash)?.state ?? 'none');
}

async function until(done: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await done()) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
}

describe('audit forwarding', () => {
  it('sends each entry to the mesh with tokens and personal data redacted', async () => {
    const { svc } = await service();
    await svc.logActivity({
      user: 'maya.marketer',
      action: 'export',
      summary: 'Exported a list for ann@example.com',
      details: { idempotencyKey: 'k-123456', rows: 12 },
    });
    await svc.audit.sync();
    const [entry] = await svc.activity();
    const stored = (await trail()).find((e) => e.id === entry?.hash);
    expect(stored).toMatchObject({
      at: entry?.at,
      actor: 'maya.marketer',
      action: 'export',
      subject: 'Exported a list for [redacted]',
      details: { idempotencyKey: '[redacted]', rows: 12 },
      received_from: 'maya.marketer',
    });
    expect(await statesOf(svc)).toEqual(['sent']);
  });

  it('keeps entries waiting while the mesh is down and sends each exactly once when it is back', async () => {
    const { svc, dataDir } = await service();
    await svc.me();
    const port = Number(new URL(t.node.url).port);
    await t.node.close();
    try {
      for (const n of [1, 2, 3]) await svc.logActivity({ user: 'maya.marketer', action: 'analysis', summary: `Ran analysis ${n}`, details: { n } });
      await svc.audit.sync();
      expect(await statesOf(svc)).toEqual(['waiting', 'waiting', 'waiting']);
    } finally {
      await t.restart({ port });
    }
    // Back online (any answered call), the waiting batch goes; the entries behind it follow.
    await svc.me();
    await until(async () => (await statesOf(svc)).every((s) => s === 'sent'));
    expect(await statesOf(svc)).toEqual(['sent', 'sent', 'sent']);
    const ids = (await svc.activity()).map((e) => e.hash);
    const count = async () => (await trail()).filter((e) => ids.includes(e.id)).length;
    expect(await count()).toBe(3);

    // Lose the cursor (as after a crash between queueing and recording it): everything is sent
    // again, and the mesh still holds each entry once.
    rmSync(join(dataDir, 'audit-forwarding.json'));
    await svc.logActivity({ user: 'maya.marketer', action: 'export', summary: 'One more', details: {} });
    await until(async () => (await statesOf(svc)).every((s) => s === 'sent'));
    expect(await count()).toBe(3);
    expect((await trail()).filter((e) => e.subject === 'One more')).toHaveLength(1);
    expect(new Set((await trail()).map((e) => e.id)).size).toBe((await trail()).length);
  });

  it('marks entries as not sent when the mesh has no audit endpoint, also once the outbox forgot the batch', async () => {
    // A Mesh API v1 node without the extension: /v1/me answers, /v1/audit is unknown.
    const plain: Server = createServer((req, res) => {
      const me = req.url === '/v1/me';
      res.writeHead(me ? 200 : 404, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify(
          me ? { user: 'maya.marketer', roles: ['marketer'], purposes: [], pii_access: false } : { error: { code: 'not_found', message: 'No call.' } },
        ),
      );
    });
    await new Promise<void>((done) => plain.listen(0, '127.0.0.1', done));
    try {
      const dataDir = mkdtempSync(join(tmpdir(), 'mw-audit-'));
      const svc = new MeshService({ dataDir, secretBox: new FileKeySecretBox(join(dataDir, 'key')), describe: describeParquetInProcess });
      await svc.connections.add({ name: 'plain', url: `http://127.0.0.1:${(plain.address() as AddressInfo).port}`, token: 'mw_marketer_xxxxxxxxxxxxxxxxxxxx' });
      await svc.logActivity({ user: 'maya.marketer', action: 'export', summary: 'Exported', details: {} });
      await svc.audit.sync();
      const [entry] = await svc.activity();
      const status = (await svc.audit.statuses(await svc.activity())).get(entry!.hash);
      expect(status).toEqual({ state: 'failed', error: expect.stringContaining('This mesh does not take audit entries') });
      // The outbox keeps only recent finished batches; the refusal is still known after that.
      rmSync(join(dataDir, 'audit-outbox'), { recursive: true });
      expect((await svc.audit.statuses(await svc.activity())).get(entry!.hash)?.state).toBe('failed');
    } finally {
      await new Promise<void>((done) => plain.close(() => done()));
    }
  });
});
