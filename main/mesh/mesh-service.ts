import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-file';
import { ensurePrivateDir } from '../fs/private-fs';
import { redactUrl } from './redact';
import { odcsContractSchema, type OdcsContract } from '../../shared/contracts/odcs';
import {
  activationMembersSchema,
  activationSchema,
  audienceCreateSchema,
  audienceCreatedSchema,
  audienceListSchema,
  audienceVersionMembersSchema,
  audienceVersionSchema,
  destinationListSchema,
  meSchema,
  productListSchema,
  type AudienceCreate,
  type AudienceMember,
  type AudienceStatus,
  type Destination,
  type Me,
  type ProductSummary,
} from '../../shared/mesh-api';
import { ActivityLog, type NewActivity } from './activity-log';
import { ConnectionStore, type ConnectionView } from './connections';
import { describeParquetInProcess, type DescribeParquet } from './describe-parquet';
import { checkQualityInProcess, type CheckQuality } from './quality/check-quality';
import { QualityError } from './quality/quality-error';
import { summariseQuality, type QualitySummary } from '../../shared/contracts/quality-rules';
import { clearRefusal, saveRefusal } from './quality/refusal-store';
import { ExtractCache, freshness, type Freshness, type VersionMeta } from './extract-cache';
import { retainedCopy } from './retention';
import { MeshError } from './mesh-error';
import { meshJson, type MeshEndpoint } from './mesh-http';
import { Outbox, type OutboxItem } from './outbox';
import { AuditForwarder } from './audit-forwarding';
import { auditAcceptedSchema } from '../../shared/mesh-api';
import { pullProduct, type PullProgress, type PullResult } from './pull';
import { cacheDestination } from './pull-destinations';
import type { SecretBox } from './secret-box';
import { getLogger } from '../logging/logger';
import { outboxLineageDetails } from '../../shared/lineage/lineage-details';

const log = getLogger('mesh-service');

/** How long a call waits for an answer while the mesh is known to be unreachable. */
const OFFLINE_TIMEOUT_MS = 3000;

export interface MeshServiceOptions {
  dataDir: string;
  secretBox: SecretBox;
  /** Reads parts' schemas; the app passes its engine process, the default is in-process DuckDB. */
  describe?: DescribeParquet;
  /** Measures a contract's quality rules on staged parts (the app's engine process; in-process DuckDB by default). */
  checkQuality?: CheckQuality;
  /** The mesh used while the user has configured none (the embedded demo node). */
  defaultMesh?: { url: string; token: string };
  keepVersions?: number;
  onOnlineChange?: (online: boolean) => void;
  onOutboxChange?: (items: OutboxItem[]) => void;
  /** The audit-forwarding outbox changed (a batch queued, sent or refused). */
  onAuditOutboxChange?: (items: OutboxItem[]) => void;
}

export interface CatalogEntry extends ProductSummary {
  cached: { version: string; fetchedAt: string; rows: number | null } | null;
  freshness: Freshness;
  /** The current cached version's quality check (the catalog badge). */
  quality?: QualitySummary;
  /** When the current cached version holds personal data: its retention and when it will be purged. */
  retention?: { days: number; purgeAt: string };
  /** True when this entry comes from the cache because the mesh is unreachable. */
  offline: boolean;
}

export interface CachedProduct {
  id: string;
  version: string;
  dataDir: string;
  fetchedAt: string;
  rows: number | null;
  /** The current version's record (who pulled it, with which rights, which columns are PII). */
  meta: VersionMeta;
}

/**
 * The main-process side of the mesh, UI-agnostic: connections, the catalog with its offline
 * cache, verified pulls, mesh writes through the durable outbox, and the activity log.
 */
export class MeshService {
  readonly connections: ConnectionStore;
  readonly cache: ExtractCache;
  readonly outbox: Outbox;
  readonly activityLog: ActivityLog;
  /** Activity entries on their way to the mesh's audit trail (audit-forwarding.ts), in an outbox of their own. */
  readonly auditOutbox: Outbox;
  readonly audit: AuditForwarder;
  private online: boolean | null = null;
  private readonly onlineListeners = new Set<(online: boolean) => void>();
  private readonly inFlight = new Map<string, Promise<OutboxItem>>();
  private readonly pulls = new Map<string, { result: Promise<PullResult>; listeners: Set<(p: PullProgress) => void> }>();

  constructor(private readonly options: MeshServiceOptions) {
    this.connections = new ConnectionStore(join(options.dataDir, 'connections.json'), options.secretBox);
    this.cache = new ExtractCache(join(options.dataDir, 'extracts'), options.keepVersions ?? 3);
    this.activityLog = new ActivityLog(join(options.dataDir, 'activity.jsonl'), {
      keyFile: join(options.dataDir, 'keys', 'activity-log.key'),
      secretBox: options.secretBox,
    });
    this.outbox = new Outbox({
      dir: join(options.dataDir, 'outbox'),
      send: (item) => this.sendOutboxItem(item),
      ...(options.onOutboxChange ? { onChange: options.onOutboxChange } : {}),
      // The mesh has the write; only its audit line is missing. Logged so the gap can be explained.
      onSent: (item) =>
        void this.logSent(item).catch((error: unknown) =>
          log.error('could not write a sent mesh request to the activity log', { err: error, outboxId: item.id, kind: item.kind }),
        ),
    });
    this.auditOutbox = new Outbox({
      dir: join(options.dataDir, 'audit-outbox'),
      send: (item) => this.audit.sendBatch(item),
      ...(options.onAuditOutboxChange ? { onChange: options.onAuditOutboxChange } : {}),
      onSent: () => this.audit.batchSent(),
    });
    this.audit = new AuditForwarder({
      outbox: this.auditOutbox,
      entries: () => this.activityLog.read(),
      connectionId: async () => (await this.endpoint().catch(() => null))?.id ?? null,
      cursorFile: join(options.dataDir, 'audit-forwarding.json'),
      failedFile: join(options.dataDir, 'audit-forwarding-failed.json'),
      send: (item) => this.sendAuditBatch(item),
      // A missing log is size 0: nothing to forward yet.
      logVersion: () =>
        stat(join(options.dataDir, 'activity.jsonl')).then(
          (s) => s.size,
          () => 0,
        ),
    });
  }

  // ---- connections -------------------------------------------------------------------

  async endpoint(): Promise<MeshEndpoint & { id: string }> {
    let active = await this.connections.active();
    if (!active && this.options.defaultMesh) {
      await this.connections.upsertEmbedded(this.options.defaultMesh.url, this.options.defaultMesh.token);
      active = await this.connections.active();
    }
    if (!active) throw new MeshError(null, 'no_mesh', 'No mesh is configured. Add one in Settings.', false);
    return { id: active.id, url: active.url, token: active.token };
  }

  /** Runs a mesh call, tracking whether the mesh is reachable (for the online indicator). */
  private async call<T>(fn: (endpoint: MeshEndpoint, options: { timeoutMs?: number }) => Promise<T>): Promise<T> {
    const endpoint = await this.endpoint();
    // Known to be unreachable: give up sooner, so the UI shows the offline state without a wait.
    const options = this.online === false ? { timeoutMs: OFFLINE_TIMEOUT_MS } : {};
    try {
      const result = await fn(endpoint, options);
      this.setOnline(true);
      return result;
    } catch (error) {
      if (error instanceof MeshError && error.offline) this.setOnline(false);
      else this.setOnline(true);
      throw error;
    }
  }

  private setOnline(online: boolean): void {
    if (this.online === online) return;
    const cameBack = this.online === false && online;
    this.online = online;
    this.options.onOnlineChange?.(online);
    for (const listener of this.onlineListeners) listener(online);
    // Early, but with a floor per item (RECONNECT_MIN_WAIT_MS): a flapping mesh is no retry loop.
    if (cameBack) {
      void this.outbox.drain({ reconnect: true });
      void this.auditOutbox.drain({ reconnect: true });
    }
  }

  isOnline(): boolean | null {
    return this.online;
  }

  /** Calls `listener` whenever the mesh becomes reachable or unreachable; returns an unsubscribe. */
  onOnlineChange(listener: (online: boolean) => void): () => void {
    this.onlineListeners.add(listener);
    return () => this.onlineListeners.delete(listener);
  }

  listConnections(): Promise<ConnectionView[]> {
    return this.connections.list();
  }

  async removeConnection(id: string): Promise<{ removed: boolean }> {
    const removed = await this.connections.remove(id);
    if (removed) await this.logActivity({ action: 'connection', summary: 'Removed a mesh', details: { connectionId: id } });
    return { removed };
  }

  async setActiveConnection(id: string): Promise<void> {
    await this.connections.setActive(id);
    // A new mesh: its reachability is unknown until the next call.
    this.online = null;
  }

  /** Who the active token belongs to; offline, the last identity seen (marked offline). */
  async me(): Promise<Me & { offline: boolean }> {
    const active = await this.endpoint();
    try {
      const me = await this.call((e, o) => meshJson(e, '/v1/me', meSchema, { timeoutMs: Math.min(5000, o.timeoutMs ?? 5000) }));
      await this.connections.rememberMe(active.id, me);
      return { ...me, offline: false };
    } catch (error) {
      const remembered = (await this.connections.get(active.id))?.lastMe;
      if (error instanceof MeshError && error.offline && remembered) return { ...remembered, offline: true };
      throw error;
    }
  }

  async addConnection(input: { name: string; url: string; token: string; makeActive?: boolean }) {
    let me: Me | null = null;
    try {
      me = await meshJson({ url: input.url, token: input.token }, '/v1/me', meSchema, { timeoutMs: 5000 });
    } catch (error) {
      if (error instanceof MeshError && !error.offline) {
        throw new MeshError(error.status, error.code, `The mesh at ${input.url} refused this token: ${error.message}`, false);
      }
    }
    const view = await this.connections.add({ ...input, me });
    await this.logActivity({ action: 'connection', summary: `Added mesh ${input.name}`, details: { url: redactUrl(input.url), user: me?.user ?? null } });
    return { connection: view, verified: me !== null };
  }

  // ---- catalog and pulls -------------------------------------------------------------

  private async catalogFile(): Promise<string> {
    await ensurePrivateDir(this.cache.root);
    return join(this.cache.root, 'catalog.json');
  }

  async listProducts(): Promise<CatalogEntry[]> {
    let products: ProductSummary[];
    let offline = false;
    try {
      products = (await this.call((e, o) => meshJson(e, '/v1/products', productListSchema, o))).products;
      await writeFileAtomic(await this.catalogFile(), JSON.stringify(products));
    } catch (error) {
      if (!(error instanceof MeshError && error.offline)) throw error;
      offline = true;
      const text = await readFile(await this.catalogFile(), 'utf8').catch(() => '[]');
      products = z.array(productListSchema.shape.products.element).parse(JSON.parse(text));
    }
    return Promise.all(
      products.map(async (p) => {
        const current = await this.cache.current(p.id);
        const retained = current ? await retainedCopy(this.cache, current) : null;
        return {
          ...p,
          cached: current ? { version: current.version, fetchedAt: current.fetchedAt, rows: current.manifest.rows ?? null } : null,
          ...(current?.quality ? { quality: summariseQuality(current.quality) } : {}),
          ...(retained ? { retention: { days: retained.days, purgeAt: retained.purgeAt } } : {}),
          freshness: freshness(current && offline ? current.updatedAt : p.updated_at, p.freshness_sla_hours),
          offline,
        };
      }),
    );
  }

  async getContract(id: string): Promise<{ contract: OdcsContract; offline: boolean }> {
    const file = this.cache.contractFile(id);
    try {
      const contract = await this.call((e, o) => meshJson(e, `/v1/products/${encodeURIComponent(id)}/contract`, odcsContractSchema, o));
      await ensurePrivateDir(this.cache.productDir(id));
      await writeFileAtomic(file, JSON.stringify(contract));
      return { contract, offline: false };
    } catch (error) {
      if (!(error instanceof MeshError && error.offline)) throw error;
      const text = await readFile(file, 'utf8').catch(() => null);
      if (!text) throw new MeshError(null, 'offline', `The mesh is unreachable and the contract of ${id} was never fetched on this machine.`, true);
      return { contract: odcsContractSchema.parse(JSON.parse(text)), offline: true };
    }
  }

  /**
   * Pulls a product into the cache. A second pull of a product already being pulled joins the
   * first (two pulls would share one staging folder); its caller gets the same progress.
   */
  pull(id: string, options: { onProgress?: (p: PullProgress) => void; signal?: AbortSignal } = {}): Promise<PullResult> {
    const running = this.pulls.get(id);
    if (running) {
      if (options.onProgress) running.listeners.add(options.onProgress);
      return running.result;
    }
    const listeners = new Set<(p: PullProgress) => void>(options.onProgress ? [options.onProgress] : []);
    const result = this.runPull(id, listeners, options.signal).finally(() => this.pulls.delete(id));
    this.pulls.set(id, { result, listeners });
    return result;
  }

  private async runPull(id: string, listeners: Set<(p: PullProgress) => void>, signal: AbortSignal | undefined): Promise<PullResult> {
    const endpoint = await this.endpoint();
    // The rights the extract is pulled under travel with it (extract-access.ts).
    const me = await this.me();
    const identity = { meshUrl: endpoint.url, user: me.user, piiAccess: me.pii_access === true };
    const result = await this.call(() =>
      pullProduct({
        endpoint,
        productId: id,
        destination: cacheDestination(this.cache, endpoint.url, identity),
        describe: this.options.describe ?? describeParquetInProcess,
        checkQuality: this.options.checkQuality ?? checkQualityInProcess,
        onProgress: (p) => listeners.forEach((listener) => listener(p)),
        ...(signal ? { signal } : {}),
      }).then(
        // The product page says which version its quality rules refused, until one installs.
        async (installed) => (await clearRefusal(this.cache, id), installed),
        async (error: unknown) => {
          if (error instanceof QualityError) await saveRefusal(this.cache, error).catch(() => undefined);
          throw error;
        },
      ),
    );
    await this.logActivity({
      action: 'pull',
      summary: `Pulled ${id} ${result.version} (${result.rows} rows)`,
      details: { product: id, version: result.version, rows: result.rows, bytes: result.bytes },
    });
    return result;
  }

  async cachedProducts(): Promise<CachedProduct[]> {
    const out: CachedProduct[] = [];
    for (const id of await this.cache.products()) {
      const meta = (await this.cache.current(id)) as VersionMeta;
      out.push({
        id,
        version: meta.version,
        dataDir: this.cache.versionDir(id, meta.version),
        fetchedAt: meta.fetchedAt,
        rows: meta.manifest.rows ?? null,
        meta,
      });
    }
    return out;
  }

  /** Per cached product, the current version's folder (`<dir>/<id>/*.parquet`), for the engine. */
  cachedProductDirs(): Promise<CachedProduct[]> {
    return this.cachedProducts();
  }

  // ---- destinations, audiences, activations ----------------------------------------

  async listDestinations(): Promise<Destination[]> {
    const file = join(this.options.dataDir, 'destinations.json');
    try {
      const list = (await this.call((e, o) => meshJson(e, '/v1/destinations', destinationListSchema, o))).destinations;
      await writeFileAtomic(file, JSON.stringify(list));
      return list;
    } catch (error) {
      if (!(error instanceof MeshError && error.offline)) throw error;
      const text = await readFile(file, 'utf8').catch(() => null);
      if (!text) throw error;
      return destinationListSchema.shape.destinations.parse(JSON.parse(text));
    }
  }

  async listAudiences(status?: AudienceStatus) {
    const query = status ? `?status=${encodeURIComponent(status)}` : '';
    return (await this.call((e, o) => meshJson(e, `/v1/audiences${query}`, audienceListSchema, o))).audiences;
  }

  async getAudienceVersion(id: string, version: number) {
    return this.call((e, o) => meshJson(e, `/v1/audiences/${encodeURIComponent(id)}/versions/${version}`, audienceVersionSchema, o));
  }

  async getActivation(id: string) {
    return this.call((e, o) => meshJson(e, `/v1/activations/${encodeURIComponent(id)}`, activationSchema, o));
  }

  async activationMembers(id: string) {
    return this.call((e, o) => meshJson(e, `/v1/activations/${encodeURIComponent(id)}/members`, activationMembersSchema, o));
  }

  /** Queues a write and tries to send it now; offline it stays queued and the answer says so. */
  private async write(kind: OutboxItem['kind'], summary: string, path: string, body: unknown, audit?: Record<string, unknown>): Promise<OutboxItem> {
    const endpoint = await this.endpoint();
    const user = await this.actor();
    const item = await this.outbox.enqueue({ kind, summary, connectionId: endpoint.id, path, body, user, ...(audit ? { audit } : {}) });
    // One pass: the answer is sent, failed (the mesh said no) or queued (offline: it goes later).
    await this.outbox.drain();
    return (await this.outbox.get(item.id)) ?? item;
  }

  /** The body is checked before it is queued: a request the mesh must refuse never waits in the outbox. */
  submitAudience(input: AudienceCreate): Promise<OutboxItem> {
    const parsed = audienceCreateSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const at = issue?.path.map(String).join('.') || 'body';
      return Promise.reject(
        new MeshError(null, 'invalid_audience', `The audience cannot be submitted: ${at}: ${issue?.message ?? 'invalid'}. Nothing was queued.`, false),
      );
    }
    const body = parsed.data;
    // A double "Submit for approval": the identical request still waiting is the answer.
    const key = `submit:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}`;
    return this.once(key, async () => {
      const waiting = (await this.outbox.items()).find(
        (i) => i.kind === 'submit_audience' && (i.state === 'queued' || i.state === 'sending') && JSON.stringify(i.body) === JSON.stringify(body),
      );
      return waiting ?? this.submitNow(body);
    });
  }

  private submitNow(body: AudienceCreate): Promise<OutboxItem> {
    return this.write('submit_audience', `Submit audience ${body.name} (${body.members.length} members) to ${body.destination}`, '/v1/audiences', body);
  }

  approve(id: string, version: number, comment: string): Promise<OutboxItem> {
    return this.write('approve', `Approve audience ${id} v${version}`, `/v1/audiences/${encodeURIComponent(id)}/versions/${version}/approve`, { comment });
  }

  reject(id: string, version: number, comment: string): Promise<OutboxItem> {
    return this.write('reject', `Reject audience ${id} v${version}`, `/v1/audiences/${encodeURIComponent(id)}/versions/${version}/reject`, { comment });
  }

  /**
   * One version is activated once: while an activation of (audience, version) is queued, being
   * sent or was sent, that item is the answer, to parallel calls too. Only `resend: true` (the
   * user confirmed a re-send) makes another one. A failed one (the mesh refused) does not count.
   */
  activate(id: string, version: number, options: { resend?: boolean; recheck?: ActivationRecheck } = {}): Promise<OutboxItem> {
    const key = `activate:${id}@${version}`;
    return this.once(key, async () => {
      if (!options.resend) {
        const existing = (await this.outbox.items()).findLast((i) => i.kind === 'activate' && isLive(i) && sameVersion(i.body, id, version));
        if (existing) return existing;
      }
      const recheck = options.recheck;
      // With a consent re-check the re-checked members travel with the request (a mesh extension).
      const body = recheck ? { audience_id: id, version, members: recheck.members } : { audience_id: id, version };
      const removed = recheck ? `; ${recheck.removed} removed because consent changed since it was built` : '';
      return this.write('activate', `Activate audience ${id} v${version}${removed}`, '/v1/activations', body, recheck?.audit);
    });
  }

  /** Extension GET /v1/audiences/{id}/versions/{v}/members: the members the mesh accepted for a version. */
  async audienceVersionMembers(id: string, version: number) {
    return this.call((e, o) => meshJson(e, `/v1/audiences/${encodeURIComponent(id)}/versions/${version}/members`, audienceVersionMembersSchema, o));
  }

  /** Parallel calls with one key share one run (and its answer) instead of each acting. */
  private once(key: string, run: () => Promise<OutboxItem>): Promise<OutboxItem> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const started = run().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }

  /** Cancels a queued mesh write (the outbox view's Cancel); false when it is no longer queued. */
  async cancelOutboxItem(id: string): Promise<{ cancelled: boolean; item: OutboxItem | null }> {
    return this.outbox.cancel(id);
  }

  outboxItems(): Promise<OutboxItem[]> {
    return this.outbox.items();
  }

  /** Sends every waiting item now, backoff or not (the outbox view's "Retry now"). */
  drainOutbox(): Promise<void> {
    return this.outbox.drain({ ignoreBackoff: true });
  }

  private async sendOutboxItem(item: OutboxItem): Promise<unknown> {
    const connection = await this.connections.get(item.connectionId);
    if (!connection) throw new MeshError(null, 'no_mesh', 'The mesh this request was queued for has been removed from Settings.', false);
    const schema = item.kind === 'activate' ? activationSchema : item.kind === 'submit_audience' ? audienceCreatedSchema : audienceVersionSchema;
    const endpoint = { url: connection.url, token: connection.token };
    // The online indicator is the active mesh's: an item queued for another (unreachable) mesh
    // must not flip it, or every answer from the active one would look like "back online".
    const forActive = (await this.connections.active().catch(() => null))?.id === item.connectionId;
    try {
      const result = await meshJson(endpoint, item.path, schema, { method: 'POST', body: item.body, idempotencyKey: item.idempotencyKey });
      if (forActive) this.setOnline(true);
      return result;
    } catch (error) {
      if (forActive && error instanceof MeshError && error.offline) this.setOnline(false);
      // A decision whose answer was lost comes back as already_decided on the resend.
      if (error instanceof MeshError && error.code === 'already_decided' && item.attempts > 1 && (item.kind === 'approve' || item.kind === 'reject')) {
        const [, id, version] = /\/v1\/audiences\/([^/]+)\/versions\/(\d+)/.exec(item.path) ?? [];
        if (id && version) return meshJson(endpoint, `/v1/audiences/${id}/versions/${version}`, audienceVersionSchema);
      }
      throw error;
    }
  }

  private async logSent(item: OutboxItem): Promise<void> {
    // Forwarded audit batches are not activity themselves (they would be forwarded in turn).
    if (item.kind === 'forward_audit') return;
    const action = item.kind === 'submit_audience' ? 'submit' : item.kind;
    await this.appendActivity({
      user: item.user,
      action,
      summary: item.summary,
      // What the write was about (audience version, segment, data read), for lineage; plus what
      // the write itself reported (the consent re-check of an activation).
      details: { outboxId: item.id, idempotencyKey: item.idempotencyKey, result: item.result, ...item.audit, ...outboxLineageDetails(item) },
    });
  }

  // ---- activity log ------------------------------------------------------------------

  async logActivity(entry: Omit<NewActivity, 'user'> & { user?: string }): Promise<void> {
    const user = entry.user ?? (await this.actor());
    await this.appendActivity({ ...entry, user });
  }

  /** Every entry is also on its way to the mesh's audit trail; the log line stands either way. */
  private async appendActivity(entry: NewActivity): Promise<void> {
    await this.activityLog.append(entry);
    void this.audit.sync().catch((error: unknown) => log.warn('could not queue activity entries for the mesh audit trail', { err: error }));
  }

  /** Sends one batch of activity entries (POST /v1/audit, an extension of Mesh API v1). */
  private async sendAuditBatch(item: OutboxItem): Promise<unknown> {
    const connection = await this.connections.get(item.connectionId);
    if (!connection) throw new MeshError(null, 'no_mesh', 'The mesh these activity entries were queued for has been removed from Settings.', false);
    const forActive = (await this.connections.active().catch(() => null))?.id === item.connectionId;
    try {
      const result = await meshJson({ url: connection.url, token: connection.token }, item.path, auditAcceptedSchema, {
        method: 'POST',
        body: item.body,
        idempotencyKey: item.idempotencyKey,
      });
      if (forActive) this.setOnline(true);
      return result;
    } catch (error) {
      if (forActive && error instanceof MeshError && error.offline) this.setOnline(false);
      if (error instanceof MeshError && (error.status === 404 || error.status === 405)) {
        throw new MeshError(
          error.status,
          'audit_not_supported',
          'This mesh does not take audit entries (POST /v1/audit is an extension of Mesh API v1); they stay in the activity log on this laptop.',
          false,
        );
      }
      throw error;
    }
  }

  /**
   * Who is acting: the identity behind the active token. The remembered `/v1/me` answer is
   * dropped whenever a connection's token changes (a demo-user switch), so it is never the
   * previous user; without one the mesh is asked (offline and never seen: 'unknown').
   */
  private async actor(): Promise<string> {
    const active = await this.connections.active().catch((error: unknown) => {
      log.warn('could not read the active mesh connection for an activity entry', { err: error });
      return null;
    });
    if (active?.lastMe) return active.lastMe.user;
    // Offline or refused: the entry is still written, by 'unknown'.
    return (await this.me().catch(() => null))?.user ?? 'unknown';
  }

  activity() {
    return this.activityLog.read();
  }

  verifyActivity() {
    return this.activityLog.verify();
  }
}

/** An activation's members after the consent re-check (main/app/consent-recheck.ts), for the request and its audit line. */
export interface ActivationRecheck {
  members: AudienceMember[];
  /** members the re-check left out */
  removed: number;
  audit: Record<string, unknown>;
}

function isLive(item: OutboxItem): boolean {
  return item.state === 'queued' || item.state === 'sending' || item.state === 'sent';
}

function sameVersion(body: unknown, id: string, version: number): boolean {
  const b = body as { audience_id?: unknown; version?: unknown } | null;
  return b?.audience_id === id && b.version === version;
}
