/**
 * Forwards every activity-log entry to the mesh's audit trail (extension POST /v1/audit,
 * docs/mesh-node.md), so the mesh sees what happened on laptops. Entries travel through an
 * Outbox of their own (outbox.ts: durable, retried with backoff, sent again once the mesh is
 * back) so a backlog of audit entries never holds up an audience write, nor the other way round.
 *
 * One batch is in flight at a time; a cursor (`audit-forwarding.json`: the last entry queued)
 * says where the next batch starts. An entry's id is its MAC in the log, so a batch sent twice
 * (a crash between queueing it and moving the cursor, a lost answer) is stored once by the mesh.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-file';
import { redactValue } from '../logging/redact';
import { getLogger } from '../logging/logger';
import { auditBatchSchema, type AuditEntry } from '../../shared/mesh-api';
import type { ActivityEntry } from './activity-log';
import { MeshError } from './mesh-error';
import type { Outbox, OutboxItem, OutboxSender } from './outbox';

const log = getLogger('audit-forwarding');

/** Entries per POST /v1/audit (the node takes up to 500). */
export const AUDIT_BATCH_SIZE = 200;

const MAX_DETAILS_CHARS = 16_000;

export type ForwardState = 'sent' | 'waiting' | 'failed';
export interface ForwardStatus {
  state: ForwardState;
  /** Why a batch was refused (a failed one is not retried: the mesh said no). */
  error?: string;
}

const cursorSchema = z.object({ seq: z.number().int().nonnegative(), hash: z.string() });
type Cursor = z.infer<typeof cursorSchema>;
const START: Cursor = { seq: 0, hash: '' };

/**
 * What the mesh receives for one entry: credentials and personal data redacted with the
 * logger's rules (main/logging/redact.ts), so an e-mail address typed into a segment name or
 * an Idempotency-Key in the details never leaves the laptop.
 */
export function toAuditEntry(entry: ActivityEntry): AuditEntry {
  const redacted = redactValue(entry.details) as Record<string, unknown>;
  // The mesh takes at most 16 KB of details per entry; a larger record keeps its subject only.
  const details = JSON.stringify(redacted).length <= MAX_DETAILS_CHARS ? redacted : { truncated: true };
  const subject = String(redactValue(entry.summary)).slice(0, 1000) || entry.action;
  return { id: entry.hash, at: entry.at, actor: entry.user.slice(0, 200) || 'unknown', action: entry.action, subject, details };
}

export interface AuditForwarderOptions {
  outbox: Outbox;
  /** The activity log's entries, oldest first. */
  entries: () => Promise<ActivityEntry[]>;
  /** The mesh connection batches are queued for (the active one); null when none is configured. */
  connectionId: () => Promise<string | null>;
  cursorFile: string;
  /**
   * Entries of batches the mesh refused, with its reason (`{id: message}`): the outbox forgets
   * finished batches after a while, and an old refused entry must not then read as sent.
   */
  failedFile: string;
  /** Sends one batch (POST /v1/audit); throws MeshError. */
  send: OutboxSender;
  /**
   * Something that changes whenever the log does (its size): the timer's sync skips reading
   * the whole log when nothing was added since everything was queued.
   */
  logVersion?: () => Promise<number>;
}

/** Refusals kept for the Activity page; the oldest are forgotten beyond this many entries. */
const MAX_FAILED = 10_000;

export class AuditForwarder {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  /** The log version at which every entry was queued (see logVersion). */
  private queuedAll: number | null = null;

  constructor(private readonly options: AuditForwarderOptions) {}

  /**
   * Queues the entries not yet queued (one batch at a time) and tries to send it. Calls while
   * one runs make it run once more afterwards, so no entry waits for the next timer.
   */
  sync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.syncOnce();
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /**
   * Sends what waits (backoff or not) and syncs now, then every `intervalMs` (a batch that is
   * backing off goes when due); a failure is logged and the next tick retries.
   */
  start(intervalMs = 3000): void {
    this.stop();
    const tick = () => void this.sync().catch((error: unknown) => log.warn('could not queue activity entries for the mesh audit trail', { err: error }));
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref?.();
    void this.options.outbox.drain({ ignoreBackoff: true }).then(tick, (error: unknown) => log.warn('could not send waiting audit entries', { err: error }));
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.options.outbox.stop();
  }

  /** The outbox's sender: a batch the mesh refuses (a final 4xx) is remembered entry by entry. */
  async sendBatch(item: OutboxItem): Promise<unknown> {
    try {
      return await this.options.send(item);
    } catch (error) {
      if (error instanceof MeshError && !error.retryable) await this.recordFailure(idsIn(item), error.message);
      throw error;
    }
  }

  private async recordFailure(ids: string[], message: string): Promise<void> {
    const failed = await this.readFailed();
    for (const id of ids) failed[id] = message;
    const kept = Object.entries(failed).slice(-MAX_FAILED);
    await writeFileAtomic(this.options.failedFile, JSON.stringify(Object.fromEntries(kept)));
  }

  private async readFailed(): Promise<Record<string, string>> {
    // No file yet: the mesh never refused a batch.
    const text = await readFile(this.options.failedFile, 'utf8').catch(() => null);
    if (text === null) return {};
    try {
      const parsed = z.record(z.string(), z.string()).safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // A torn or edited file: reported below and started afresh.
    }
    log.warn('the record of refused audit entries is unreadable; starting it afresh');
    return {};
  }

  /** The outbox sent a batch: the entries behind it (a backlog after being offline) go next. */
  batchSent(): void {
    void this.sync().catch((error: unknown) => log.warn('could not queue activity entries for the mesh audit trail', { err: error }));
  }

  private async syncOnce(): Promise<void> {
    const { outbox } = this.options;
    const items = await outbox.items();
    // One batch in flight: the next starts where it ended, once it is sent.
    if (items.some((i) => i.state === 'queued' || i.state === 'sending')) {
      await outbox.drain();
      return;
    }
    const version = (await this.options.logVersion?.()) ?? null;
    if (version !== null && version === this.queuedAll) return;
    const entries = await this.options.entries();
    const cursor = this.validCursor(await this.readCursor(), entries);
    const batch = entries.filter((e) => e.seq > cursor.seq).slice(0, AUDIT_BATCH_SIZE);
    const last = batch.at(-1);
    if (!last) {
      this.queuedAll = version;
      return;
    }
    const connectionId = await this.options.connectionId();
    if (!connectionId) return;
    const body = auditBatchSchema.parse({ entries: batch.map(toAuditEntry) });
    const n = batch.length;
    const item = await outbox.enqueue({
      kind: 'forward_audit',
      summary: `Forward ${n} activity ${n === 1 ? 'entry' : 'entries'} to the mesh's audit trail`,
      connectionId,
      path: '/v1/audit',
      body,
      user: last.user,
    });
    await writeFileAtomic(this.options.cursorFile, JSON.stringify({ seq: last.seq, hash: last.hash }));
    await outbox.drain();
    // Sent: there may be more behind it (a backlog after being offline).
    if ((await outbox.get(item.id))?.state === 'sent' && entries.some((e) => e.seq > last.seq)) this.again = true;
  }

  /** A log started afresh (its entry at the cursor is another one) is forwarded from its start. */
  private validCursor(cursor: Cursor, entries: ActivityEntry[]): Cursor {
    if (cursor.seq === 0) return cursor;
    return entries.find((e) => e.seq === cursor.seq)?.hash === cursor.hash ? cursor : START;
  }

  private async readCursor(): Promise<Cursor> {
    // No cursor yet is the start: nothing was forwarded from this workspace.
    const text = await readFile(this.options.cursorFile, 'utf8').catch(() => null);
    if (text === null) return START;
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // A torn or edited file: handled below like any unreadable cursor.
    }
    const parsed = cursorSchema.safeParse(json);
    if (!parsed.success) log.warn('the audit forwarding cursor is unreadable; forwarding again from the start (the mesh keeps each entry once)');
    return parsed.success ? parsed.data : START;
  }

  /** Per entry (by its hash): sent to the mesh, waiting to be sent, or refused by it. */
  async statuses(entries: readonly ActivityEntry[]): Promise<Map<string, ForwardStatus>> {
    const byId = new Map<string, ForwardStatus>();
    for (const item of await this.options.outbox.items()) {
      const status = statusOf(item);
      for (const id of idsIn(item)) byId.set(id, status);
    }
    const cursor = this.validCursor(await this.readCursor(), [...entries]);
    const failed = await this.readFailed();
    const out = new Map<string, ForwardStatus>();
    for (const entry of entries) {
      const refused = failed[entry.hash];
      // The outbox forgets finished batches after a while; one that old, before the cursor and
      // not refused, was sent.
      const old: ForwardStatus =
        refused !== undefined ? { state: 'failed', error: refused } : entry.seq <= cursor.seq ? { state: 'sent' } : { state: 'waiting' };
      out.set(entry.hash, byId.get(entry.hash) ?? old);
    }
    return out;
  }
}

function statusOf(item: OutboxItem): ForwardStatus {
  if (item.state === 'sent') return { state: 'sent' };
  if (item.state === 'failed' || item.state === 'cancelled') return { state: 'failed', ...(item.lastError ? { error: item.lastError } : {}) };
  return { state: 'waiting' };
}

function idsIn(item: OutboxItem): string[] {
  const parsed = auditBatchSchema.safeParse(item.body);
  return parsed.success ? parsed.data.entries.map((e) => e.id) : [];
}
