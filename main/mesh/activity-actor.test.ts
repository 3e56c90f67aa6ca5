/** Every activity entry and outbox item names the user whose token acted, also after a switch. */
import { mkdtempSync } from 'node:fs';
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

async function userOf(role: 'marketer' | 'approver'): Promise<string> {
  return (await call<{ user: string }>(t.node, role, 'GET', '/v1/me')).body.user;
}

describe('who acted', () => {
  it('attributes entries to the demo user switched to, not the one before', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mw-actor-'));
    const svc = new MeshService({ dataDir, secretBox: new FileKeySecretBox(join(dataDir, 'keys', 'secret.key')), describe: describeParquetInProcess });
    const [marketer, approver] = [await userOf('marketer'), await userOf('approver')];
    expect(marketer).not.toBe(approver);

    await svc.connections.upsertEmbedded(t.node.url, t.node.tokens.marketer);
    await svc.me();
    await svc.logActivity({ action: 'export', summary: 'as the marketer', details: {} });

    // The switch the Settings page makes: same embedded connection, another user's token.
    await svc.connections.upsertEmbedded(t.node.url, t.node.tokens.approver);
    await svc.logActivity({ action: 'export', summary: 'as the approver', details: {} });
    const queued = await svc.approve('no-such-audience', 1, 'ok');

    const entries = await svc.activity();
    expect(entries.map((e) => [e.summary, e.user])).toEqual([
      ['as the marketer', marketer],
      ['as the approver', approver],
    ]);
    expect(queued.user).toBe(approver);
    expect(await svc.verifyActivity()).toEqual({ intact: true, entries: 2 });
  });
});
