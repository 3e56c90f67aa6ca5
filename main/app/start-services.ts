import { ensurePrivateDirSync, restrictTree } from './private-fs';
import { join } from 'node:path';
import { startMeshNode, type MeshNode } from '../../fixtures/mesh/server';
import { readFile } from 'node:fs/promises';
import { roleSchema, type Role } from '../../shared/mesh-api';
import { AppError } from '../../shared/ipc/errors';
import { writeFileAtomic } from './atomic-file';
import type { DescribeParquet } from '../mesh/describe-parquet';
import { MeshService } from '../mesh/mesh-service';
import type { SecretBox } from '../mesh/secret-box';
import { SharingProfileStore } from '../mesh/delta-sharing/profile-store';
import type { AppEvents } from './app-events';
import type { AppServices, LoadedProductInfo, SessionUser } from './app-services';
import { EngineClient, type EngineTransport } from './engine-client';

export interface StartServicesOptions {
  dataDir: string;
  events: AppEvents;
  secretBox: SecretBox;
  engineTransport: () => EngineTransport;
  /** Connect to this mesh as this user instead of the embedded demo mesh. */
  mesh?: { url: string; token: string } | undefined;
  /** Size of the embedded demo mesh's data (default: the node's demo size). */
  demoCustomers?: number | undefined;
  /** Where the ODCS contract YAML files are (packaged builds ship them as a resource). */
  contractsDir?: string | undefined;
}

export interface RunningServices extends AppServices {
  /** The embedded demo mesh, when this app started one: its URL and demo users' tokens. */
  embedded: { url: string; tokens: Record<Role, string> } | null;
  close(): Promise<void>;
}

/** The demo user this workspace last chose on the embedded mesh (the marketer at first). */
async function readDemoRole(dataDir: string): Promise<Role> {
  const text = await readFile(join(dataDir, 'demo-user.json'), 'utf8').catch(() => null);
  const parsed = roleSchema.safeParse(text ? (JSON.parse(text) as { role?: unknown }).role : undefined);
  return parsed.success ? parsed.data : 'marketer';
}

/**
 * Starts what the handlers need: the engine process on the workspace database, the mesh
 * client (connections, cache, outbox, activity) and, when no mesh is configured, the embedded
 * local mesh node with demo data, so the app is useful in its first minute.
 */
export async function startServices(options: StartServicesOptions): Promise<RunningServices> {
  ensurePrivateDirSync(options.dataDir);
  const engine = new EngineClient(options.engineTransport);
  await engine.openWorkspace(join(options.dataDir, 'workspace.duckdb'));

  const describe: DescribeParquet = (files) => engine.call('describeParquet', { files: [...files] });

  const mesh = new MeshService({
    dataDir: options.dataDir,
    secretBox: options.secretBox,
    describe,
    onOnlineChange: (online) => {
      void mesh.endpoint().then(
        (e) => options.events.emit('online', { online, meshUrl: e.url }),
        () => options.events.emit('online', { online, meshUrl: null }),
      );
    },
    onOutboxChange: (items) => options.events.emit('outbox', { pending: items.filter((i) => i.state === 'queued' || i.state === 'sending').length }),
  });

  let node: MeshNode | null = null;
  if (options.mesh) {
    const existing = (await mesh.connections.list()).find((c) => c.url === options.mesh!.url.replace(/\/+$/, ''));
    if (existing) await mesh.connections.setActive(existing.id);
    else await mesh.connections.add({ name: 'Configured mesh', url: options.mesh.url, token: options.mesh.token, makeActive: true });
  } else {
    const configured = (await mesh.connections.list()).filter((c) => !c.embedded);
    const active = configured.find((c) => c.active);
    if (!active) {
      node = await startMeshNode({
        port: 0,
        stateDir: join(options.dataDir, 'embedded-mesh'),
        ...(options.demoCustomers ? { customers: options.demoCustomers } : {}),
        ...(options.contractsDir ? { contractsDir: options.contractsDir } : {}),
      });
      await mesh.connections.upsertEmbedded(node.url, node.tokens[await readDemoRole(options.dataDir)]);
    }
  }

  const loaded = new Map<string, LoadedProductInfo>();
  const refreshData = async (): Promise<LoadedProductInfo[]> => {
    const changed: string[] = [];
    for (const product of await mesh.cachedProducts()) {
      if (loaded.get(product.id)?.version === product.version) continue;
      const result = await engine.call('loadProducts', { dataDir: product.dataDir, as: 'table', only: [product.id] });
      const rows = result.find((r) => r.id === product.id)?.rows ?? product.rows ?? 0;
      loaded.set(product.id, { id: product.id, version: product.version, rows });
      changed.push(product.id);
    }
    if (changed.includes('experiment_assignments')) await engine.call('assignments.refreshView', {});
    if (changed.length > 0) options.events.emit('dataChanged', { products: changed });
    return [...loaded.values()];
  };

  let lastSession: SessionUser | null = null;
  const session = async (): Promise<SessionUser> => {
    const endpoint = await mesh.endpoint().catch(() => null);
    try {
      const me = await mesh.me();
      lastSession = { user: me.user, roles: me.roles, purposes: me.purposes ?? [], pii_access: me.pii_access, offline: me.offline, meshUrl: endpoint?.url ?? null };
    } catch (error) {
      if (!lastSession) throw error;
      lastSession = { ...lastSession, offline: true };
    }
    return lastSession;
  };

  const demoUser = { role: await readDemoRole(options.dataDir) };
  const switchDemoUser = async (role: string): Promise<void> => {
    const parsed = roleSchema.safeParse(role);
    if (!node) throw new AppError('no_demo_mesh', 'Demo users exist only on the built-in demo mesh; this workspace uses another mesh.');
    if (!parsed.success) throw new AppError('unknown_role', `There is no demo user with the role '${role}'.`);
    await mesh.connections.upsertEmbedded(node.url, node.tokens[parsed.data]);
    await writeFileAtomic(join(options.dataDir, 'demo-user.json'), JSON.stringify({ role: parsed.data }));
    demoUser.role = parsed.data;
    lastSession = null;
    options.events.emit('online', { online: true, meshUrl: node.url });
  };

  // Workspaces from before data was kept private, and files DuckDB created with default modes.
  await restrictTree(options.dataDir);
  await refreshData().catch(() => undefined);
  await engine.call('assignments.refreshView', {}).catch(() => undefined);
  mesh.outbox.start();

  return {
    mesh,
    engine,
    session,
    refreshData,
    loadedProducts: () => [...loaded.values()],
    demoUsers: () => (node ? { roles: [...roleSchema.options], current: demoUser.role } : null),
    switchDemoUser,
    sharingProfiles: new SharingProfileStore(join(options.dataDir, 'sharing-profiles.json'), options.secretBox),
    embedded: node ? { url: node.url, tokens: node.tokens } : null,
    close: async () => {
      mesh.outbox.stop();
      engine.close();
      await node?.close();
    },
  };
}
