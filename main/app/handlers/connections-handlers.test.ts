/**
 * Removing a mesh in Settings is an audited action: it must reach the activity log like adding
 * one does (it used to bypass MeshService and leave no trace).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MeshService } from '../../mesh/mesh-service';
import { FileKeySecretBox } from '../../mesh/secret-box';
import type { AppContext } from '../app-context';
import { AppEvents } from '../app-events';
import type { AppServices } from '../app-services';
import { JobTracker } from '../job-tracker';
import { WorkspaceStore } from '../workspace-store';
import { createConnectionsHandlers } from './connections-handlers';

function context(): { ctx: AppContext; mesh: MeshService } {
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-conn-'));
  const mesh = new MeshService({
    dataDir,
    secretBox: new FileKeySecretBox(join(dataDir, 'key')),
    describe: async () => ({ columns: [], rows: 0 }),
  });
  const events = new AppEvents();
  // Only `mesh` is reached by these handlers; the rest of AppServices is not needed here.
  const services = { mesh } as unknown as AppServices;
  const ctx: AppContext = {
    host: { kind: 'web', version: 'test', dataDir, openExternal: async () => false },
    events,
    workspace: new WorkspaceStore(dataDir),
    jobs: new JobTracker(events),
    services,
  };
  return { ctx, mesh };
}

describe('connections.remove', () => {
  it('removes the mesh and writes the removal to the activity log', async () => {
    const { ctx, mesh } = context();
    // Stored directly: addConnection would ask the (absent) mesh who we are.
    const added = await mesh.connections.add({ name: 'Prod mesh', url: 'http://127.0.0.1:9', token: 'mw_analyst_0123456789abcdefghij' });
    const handlers = createConnectionsHandlers(ctx);
    expect(await handlers.remove({ id: added.id })).toEqual({ removed: true });
    expect(await mesh.connections.list()).toEqual([]);
    const log = await mesh.activity();
    expect(log.at(-1)).toMatchObject({ action: 'connection', summary: 'Removed a mesh', details: { connectionId: added.id } });
    expect(await mesh.verifyActivity()).toMatchObject({ intact: true, entries: 1 });
  });

  it('writes nothing when there was no such mesh', async () => {
    const { ctx, mesh } = context();
    expect(await createConnectionsHandlers(ctx).remove({ id: 'nope' })).toEqual({ removed: false });
    expect(await mesh.activity()).toEqual([]);
  });

  it('refuses to remove the embedded demo mesh, and logs nothing', async () => {
    const { ctx, mesh } = context();
    await mesh.connections.upsertEmbedded('http://127.0.0.1:9', 'mw_marketer_0123456789abcdefghij');
    const [demo] = await mesh.connections.list();
    await expect(createConnectionsHandlers(ctx).remove({ id: demo!.id })).rejects.toMatchObject({ code: 'embedded_mesh' });
    expect(await mesh.connections.list()).toHaveLength(1);
    expect(await mesh.activity()).toEqual([]);
  });
});

describe('connections.list', () => {
  it("counts each mesh's writes still waiting in the outbox, so removing it can ask first", async () => {
    const { ctx, mesh } = context();
    const prod = await mesh.connections.add({ name: 'Prod mesh', url: 'http://127.0.0.1:9', token: 'mw_analyst_0123456789abcdefghij' });
    const other = await mesh.connections.add({ name: 'Other', url: 'http://127.0.0.1:10', token: 'mw_analyst_0123456789abcdefghik' });
    const queue = (kind: 'submit_audience' | 'activate', connectionId: string) =>
      mesh.outbox.enqueue({ kind, summary: kind, connectionId, path: '/v1/audiences', body: {}, user: 'maya' });
    await queue('submit_audience', prod.id);
    await queue('activate', prod.id);
    const cancelled = await queue('submit_audience', other.id);
    await mesh.outbox.cancel(cancelled.id);
    const { connections } = await createConnectionsHandlers(ctx).list({});
    expect(connections.map((c) => [c.name, c.queued])).toEqual([
      ['Prod mesh', 2],
      ['Other', 0],
    ]);
  });
});
