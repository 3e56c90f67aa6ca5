import { ensurePrivateDirSync, restrictTree } from '../fs/private-fs';
import { join } from 'node:path';
import { startMeshNode, type MeshNode } from '../../fixtures/mesh/server';
import { readFile } from 'node:fs/promises';
import { roleSchema, type Role } from '../../shared/mesh-api';
import { AppError } from '../../shared/ipc/errors';
import { writeFileAtomic } from '../fs/atomic-file';
import type { DescribeParquet } from '../mesh/describe-parquet';
import type { CheckQuality } from '../mesh/quality/check-quality';
import { MeshService } from '../mesh/mesh-service';
import type { SecretBox } from '../mesh/secret-box';
import { SharingProfileStore } from '../mesh/delta-sharing/profile-store';
import type { AppEvents } from './app-events';
import type { AppServices, LoadedProductInfo, SessionUser, StartupProblem } from './app-services';
import { EngineClient, type EngineTransport } from './engine-client';
import { NO_IDENTITY, holdsRawPii, loadKey, piiColumnsOf, servableTo, type Identity } from '../mesh/extract-access';
import { PartVerifier, expectedParts } from '../mesh/verify-parts';
import { RetentionPurger } from '../mesh/retention-purge';
import { getLogger } from '../logging/logger';

const log = getLogger('start-services');

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
  // Defence in depth (file-access.ts): the engine reaches only the extract cache (and its own
  // spill folder), never the workspace's tokens, keys or activity log beside it.
  ensurePrivateDirSync(join(options.dataDir, 'extracts'));
  await engine.configureSession('restrictFiles', { directories: [join(options.dataDir, 'extracts')], tempDirectory: join(options.dataDir, 'engine-tmp') });
  // Until the mesh says who we are, the engine answers for an identity without PII access.
  await engine.configureSession('setAccess', { piiAccess: false, piiColumns: [] });

  const describe: DescribeParquet = (files) => engine.call('describeParquet', { files: [...files] });
  const checkQuality: CheckQuality = (files, checks, now) => engine.call('quality.check', { files: [...files], checks: [...checks], now: now.toISOString() });

  const mesh = new MeshService({
    dataDir: options.dataDir,
    secretBox: options.secretBox,
    describe,
    checkQuality,
    onOnlineChange: (online) => {
      void mesh.endpoint().then(
        (e) => options.events.emit('online', { online, meshUrl: e.url }),
        () => options.events.emit('online', { online, meshUrl: null }),
      );
    },
    onOutboxChange: (items) => options.events.emit('outbox', { pending: items.filter((i) => i.state === 'queued' || i.state === 'sending').length }),
    // The Activity page's "Sent to mesh" badges follow forwarding without a Reload.
    onAuditOutboxChange: (items) =>
      options.events.emit('auditForwarding', { waiting: items.filter((i) => i.state === 'queued' || i.state === 'sending').length }),
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

  const loaded = new Map<string, LoadedProductInfo & { key: string }>();
  // Parts are checked against their pull's sha256 before loading; hashes remembered by size+mtime.
  const verifier = new PartVerifier(join(options.dataDir, 'verified-parts.json'));
  let lastSession: SessionUser | null = null;
  /** Who the mesh says we are now; offline, the last identity seen. */
  const fetchSession = async (): Promise<SessionUser> => {
    const endpoint = await mesh.endpoint().catch(() => null);
    try {
      const me = await mesh.me();
      lastSession = {
        user: me.user,
        roles: me.roles,
        purposes: me.purposes ?? [],
        pii_access: me.pii_access,
        offline: me.offline,
        meshUrl: endpoint?.url ?? null,
      };
    } catch (error) {
      // The last identity stands in only for the mesh it was seen on: after switching to a mesh that
      // cannot be reached, the previous mesh's user is not who you are there.
      if (!lastSession || lastSession.meshUrl !== (endpoint?.url ?? null)) throw error;
      lastSession = { ...lastSession, offline: true };
    }
    return lastSession;
  };
  const identityOf = (s: SessionUser | null): Identity => (s ? { meshUrl: s.meshUrl, user: s.user, piiAccess: s.pii_access } : NO_IDENTITY);
  const identityKey = (i: Identity): string => JSON.stringify([i.meshUrl, i.user, i.piiAccess]);
  /** The identity the engine's tables and access policy were last set up for. */
  let engineIdentity: string | null = null;

  /**
   * Loads every cached product the current identity may read (extract-access.ts) and drops the
   * others from the engine, so an extract pulled by someone with more rights is never loaded,
   * queried or counted against; a re-pull under other rights reloads even with the same version.
   */
  const reload = async (): Promise<LoadedProductInfo[]> => {
    const identity = identityOf(await fetchSession().catch(() => null));
    const changed: string[] = [];
    const cached = await mesh.cachedProducts();
    const customers = cached.find((p) => p.id === 'customers');
    // Policy first: while tables change, no query may run under the previous identity's rights.
    await engine.configureSession('setAccess', { piiAccess: identity.piiAccess, piiColumns: customers ? piiColumnsOf(customers.meta) : [] });
    const damaged: string[] = [];
    const unload = async (id: string): Promise<void> => {
      // Dropped whether or not this session loaded it: the workspace file outlives sessions.
      const { dropped } = await engine.call('products.unload', { id });
      if (loaded.delete(id) || dropped) changed.push(id);
    };
    for (const product of cached) {
      if (!servableTo(product.meta, identity)) {
        await unload(product.id);
        continue;
      }
      const key = loadKey(product.meta);
      if (loaded.get(product.id)?.key === key) continue;
      const problems = await verifier.verify(expectedParts(join(product.dataDir, product.id), product.meta.manifest.files));
      if (problems.length > 0) {
        // Refuse this product only; the others load as usual.
        await unload(product.id);
        damaged.push(`${product.id} ${product.version}: ${problems.map((p) => p.message).join('; ')}`);
        continue;
      }
      const result = await engine.call('loadProducts', { dataDir: product.dataDir, as: 'table', only: [product.id] });
      const rows = result.find((r) => r.id === product.id)?.rows ?? product.rows ?? 0;
      loaded.set(product.id, { id: product.id, version: product.version, rows, key, rawPii: holdsRawPii(product.meta) });
      changed.push(product.id);
    }
    engineIdentity = identityKey(identity);
    if (changed.includes('experiment_assignments')) await engine.call('assignments.refreshView', {});
    if (changed.length > 0) options.events.emit('dataChanged', { products: changed });
    if (damaged.length > 0) {
      throw new AppError(
        'damaged_extract',
        `A cached extract no longer matches the checksums recorded when it was pulled, so it was not loaded: ${damaged.join(' | ')}. Pull it again in the Catalog; the other products are unaffected.`,
      );
    }
    return [...loaded.values()].map(({ id, version, rows }) => ({ id, version, rows }));
  };
  // One reload at a time: two interleaved ones could load and drop the same table.
  let reloading: Promise<unknown> = Promise.resolve();
  const refreshData = (): Promise<LoadedProductInfo[]> => {
    const next = reloading.then(reload, reload);
    reloading = next.catch(() => undefined);
    return next;
  };

  /** The session; when the identity changed since the engine was set up, the engine follows first. */
  const session = async (): Promise<SessionUser> => {
    const current = await fetchSession();
    // A damaged extract is reported by the pull/refresh that meets it; the session still answers.
    if (identityKey(identityOf(current)) !== engineIdentity) await refreshData().catch(() => undefined);
    return current;
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
    // Another identity: what the engine holds must follow its rights before anything else runs
    // (a damaged extract is refused inside; the switch itself succeeds).
    await refreshData().catch(() => undefined);
    options.events.emit('online', { online: true, meshUrl: node.url });
  };

  const startupProblems: StartupProblem[] = [];
  // Retention (docs/governance.md#retention): an expired copy of personal data leaves the engine,
  // then the disk, in turn with reloads; purged before the first load, so it is never loaded.
  const purger = new RetentionPurger({
    cache: mesh.cache,
    unload: async (id) => {
      await engine.call('products.unload', { id });
      loaded.delete(id);
    },
    record: (copy, summary) =>
      mesh.logActivity({ action: 'purge', summary, details: { product: copy.product, version: copy.version, days: copy.days, pulledAt: copy.fetchedAt } }),
    exclusive: (run) => {
      const next = reloading.then(run, run);
      reloading = next.catch(() => undefined);
      return next;
    },
    onPurged: (copies) => options.events.emit('dataChanged', { products: [...new Set(copies.map((c) => c.product))] }),
  });
  await purger.runOnce().catch((error: unknown) => {
    log.error('could not purge cached personal data whose retention ran out', { err: error });
    startupProblems.push({ title: 'Deleting personal data past its retention', error });
  });
  purger.start();

  // Workspaces from before data was kept private, and files DuckDB created with default modes.
  await restrictTree(options.dataDir);
  // The app still starts (the catalog, settings and pulls work without loaded data), but the
  // user must learn why analyses say "pull first" for data they pulled: logged and shown as a
  // failed job in the jobs tray.
  await refreshData().catch((error: unknown) => {
    log.error('could not load the extracts pulled earlier into the engine', { err: error });
    startupProblems.push({ title: 'Loading the data pulled earlier', error });
  });
  await engine.call('assignments.refreshView', {}).catch((error: unknown) => {
    log.error('could not prepare the experiment assignments view', { err: error });
    startupProblems.push({ title: 'Preparing experiment assignments (audience holdouts)', error });
  });
  mesh.outbox.start();
  // Every activity entry also goes to the mesh's audit trail (docs/governance.md#audit-forwarding).
  mesh.audit.start();
  log.info('services started', { embeddedMesh: node !== null, loadedProducts: [...loaded.keys()], problems: startupProblems.length });

  return {
    mesh,
    engine,
    session,
    refreshData,
    loadedProducts: () => [...loaded.values()].map(({ id, version, rows, rawPii }) => ({ id, version, rows, rawPii })),
    demoUsers: () => (node ? { roles: [...roleSchema.options], current: demoUser.role } : null),
    switchDemoUser,
    startupProblems: () => [...startupProblems],
    sharingProfiles: new SharingProfileStore(join(options.dataDir, 'sharing-profiles.json'), options.secretBox),
    embedded: node ? { url: node.url, tokens: node.tokens } : null,
    close: async () => {
      mesh.outbox.stop();
      purger.stop();
      mesh.audit.stop();
      engine.close();
      await node?.close();
    },
  };
}
