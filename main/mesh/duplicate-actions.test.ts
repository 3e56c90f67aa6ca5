/**
 * One action, one effect: parallel activations of one version, a double submission, and an
 * outbox item for an unreachable mesh beside a reachable one (the runaway retry loop).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestNode, type TestNode } from '../../fixtures/mesh/testing/test-support';
import { describeParquetInProcess } from './describe-parquet';
import { MeshService } from './mesh-service';
import { FileKeySecretBox } from './secret-box';

let t: TestNode;
beforeAll(async () => {
  t = await startTestNode();
}, 120_000);
afterAll(async () => t?.dispose());

async function service(role: 'marketer' | 'approver' = 'marketer'): Promise<MeshService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-dupes-'));
  const svc = new MeshService({ dataDir, secretBox: new FileKeySecretBox(join(dataDir, 'key')), describe: describeParquetInProcess });
  await svc.connections.add({ name: 'test mesh', url: t.node.url, token: t.node.tokens[role] });
  return svc;
}

const audienceBody = (name: string) => ({
  name,
  spec: { kind: 'segment', rule: { all: [] } },
  destination: 'salesforce_crm',
  holdout_pct: 0,
  salt: 's',
  members: [],
});

async function approvedAudience(): Promise<{ id: string; version: number }> {
  const created = await call<{ id: string; version: number }>(t.node, 'marketer', 'POST', '/v1/audiences', audienceBody(`dupes ${Math.random()}`));
  expect(created.status).toBeLessThan(300);
  expect((await call(t.node, 'approver', 'POST', `/v1/audiences/${created.body.id}/versions/${created.body.version}/approve`, { comment: 'ok' })).status).toBe(
    200,
  );
  return created.body;
}

function activationsOf(audienceId: string): unknown[] {
  const state = JSON.parse(readFileSync(join(t.stateDir, 'state.json'), 'utf8')) as { activations: Array<{ audience_id: string }> };
  return state.activations.filter((a) => a.audience_id === audienceId);
}

describe('duplicate actions', () => {
  it('activates a version once for twenty parallel calls, and again only on an explicit re-send', async () => {
    const { id, version } = await approvedAudience();
    const marketer = await service();
    const items = await Promise.all(Array.from({ length: 20 }, () => marketer.activate(id, version)));
    expect(new Set(items.map((i) => i.id)).size).toBe(1);
    // Later clicks, after it was sent, get the same item too.
    expect((await marketer.activate(id, version)).id).toBe(items[0]!.id);
    expect((await marketer.outboxItems()).filter((i) => i.kind === 'activate')).toHaveLength(1);
    expect(activationsOf(id)).toHaveLength(1);

    const resent = await marketer.activate(id, version, { resend: true });
    expect(resent.id).not.toBe(items[0]!.id);
    expect(activationsOf(id)).toHaveLength(2);
  });

  it('submits an identical audience once for a double click', async () => {
    const marketer = await service();
    const name = `double ${Math.random()}`;
    const [a, b] = await Promise.all([marketer.submitAudience(audienceBody(name)), marketer.submitAudience(audienceBody(name))]);
    expect(a.id).toBe(b.id);
    const versions = (await marketer.listAudiences()).filter((x) => x.name === name);
    expect(versions).toHaveLength(1);
  });

  it('does not spin on an item for an unreachable mesh while the active mesh answers', async () => {
    const marketer = await service();
    await marketer.me();
    // A request queued for another mesh that does not answer (the field report: port 9).
    const dead = await marketer.connections.add({ name: 'gone', url: 'http://127.0.0.1:9', token: 'x-token', makeActive: true });
    const queued = await marketer.approve('a1', 1, 'ok');
    expect(queued.state).toBe('queued');
    const active = (await marketer.listConnections()).find((c) => c.name === 'test mesh')!;
    await marketer.setActiveConnection(active.id);
    expect(dead.id).not.toBe(active.id);
    await marketer.listProducts();
    // The outbox timer (or "Send now") tries the item once more: it fails, as it must.
    await marketer.outbox.drain({ ignoreBackoff: true });
    // A busy UI reloading on every outbox event: each answer from the active mesh used to read
    // as "back online" and resend at once, about 25 times a second.
    for (let i = 0; i < 25; i++) {
      await marketer.listProducts();
      await new Promise((r) => setTimeout(r, 20));
    }
    const item = await marketer.outbox.get(queued.id);
    expect(item?.attempts).toBeLessThanOrEqual(3);
    marketer.outbox.stop();
  });
});
