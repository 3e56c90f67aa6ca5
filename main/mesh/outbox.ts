import { randomUUID } from 'node:crypto';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-file';
import { ensurePrivateDir } from '../fs/private-fs';
import { backoffMs } from './backoff';
import { MeshError } from './mesh-error';

export const outboxKinds = ['submit_audience', 'approve', 'reject', 'activate', 'forward_audit'] as const;

export const outboxItemSchema = z.object({
  id: z.string(),
  kind: z.enum(outboxKinds),
  summary: z.string(),
  connectionId: z.string(),
  path: z.string(),
  body: z.unknown(),
  idempotencyKey: z.string(),
  state: z.enum(['queued', 'sending', 'sent', 'failed', 'cancelled']),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** The code of the mesh's last refusal (`consent_withdrawn`...), so the app can offer the fix; absent in older items. */
  lastErrorCode: z.string().nullable().optional(),
  /** Facts for this write's activity-log entry beside the mesh's answer (an activation's consent re-check). */
  audit: z.record(z.string(), z.unknown()).optional(),
  result: z.unknown().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  user: z.string(),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;
export type NewOutboxItem = Pick<OutboxItem, 'kind' | 'summary' | 'connectionId' | 'path' | 'body' | 'user'> & Pick<Partial<OutboxItem>, 'audit'>;

/** Sends one item (with its Idempotency-Key); throws MeshError. */
export type OutboxSender = (item: OutboxItem) => Promise<unknown>;

export interface OutboxOptions {
  dir: string;
  send: OutboxSender;
  onChange?: (items: OutboxItem[]) => void;
  onSent?: (item: OutboxItem) => void;
  now?: () => number;
  /** Finished (sent, failed or cancelled) items kept for the outbox view; older ones are forgotten. */
  keepFinished?: number;
  /** The backoff's jitter source (tests pin it). */
  random?: () => number;
}

/**
 * When the mesh comes back, waiting items go early, but never sooner than this after their
 * last attempt: a connection that flaps (or a reachable mesh beside an unreachable one) must
 * not turn into a tight retry loop.
 */
export const RECONNECT_MIN_WAIT_MS = 1000;

/**
 * `due`: items whose backoff has run out (the timer). `reconnect`: also those last tried at
 * least RECONNECT_MIN_WAIT_MS ago (the mesh is back). `now`: every waiting item (start, and the
 * user's "Send now").
 */
export type DrainMode = 'due' | 'reconnect' | 'now';

/**
 * The durable outbox: every mesh write is a file on disk (with its idempotency key) before it
 * is sent, so a crash or a quit loses nothing; a resend after an unknown outcome reuses the key,
 * so the mesh does it once. Items drain in order; network errors, 5xx and 429 retry with backoff
 * (Retry-After honoured); other 4xx fail with the mesh's message.
 */
export class Outbox {
  private draining: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** State changes that must not interleave (taking an item to send vs cancelling it). */
  private lock: Promise<unknown> = Promise.resolve();
  /** After a reconnect drain found the first item not yet due: one wake-up when it is. */
  private wakeUp: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly options: OutboxOptions) {
    this.now = options.now ?? Date.now;
  }

  async enqueue(item: NewOutboxItem): Promise<OutboxItem> {
    const at = new Date(this.now()).toISOString();
    const full: OutboxItem = {
      ...item,
      id: randomUUID(),
      idempotencyKey: randomUUID(),
      state: 'queued',
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      result: null,
      createdAt: at,
      updatedAt: at,
    };
    await this.write(full);
    this.changed();
    return full;
  }

  async items(): Promise<OutboxItem[]> {
    const names = await readdir(this.options.dir).catch(() => [] as string[]);
    const items: OutboxItem[] = [];
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      const parsed = await readFile(join(this.options.dir, name), 'utf8').then(
        (t) => outboxItemSchema.safeParse(JSON.parse(t)),
        () => null,
      );
      if (parsed?.success) items.push(parsed.data);
    }
    return items;
  }

  async get(id: string): Promise<OutboxItem | null> {
    return (await this.items()).find((item) => item.id === id) ?? null;
  }

  async pending(): Promise<number> {
    return (await this.items()).filter((i) => i.state === 'queued' || i.state === 'sending').length;
  }

  /**
   * Sends every due item once; concurrent calls share one pass. `ignoreBackoff` sends waiting
   * items now: on start, when the mesh is back, and when the user asks to retry.
   */
  async drain(options: { ignoreBackoff?: boolean; reconnect?: boolean } = {}): Promise<void> {
    const mode: DrainMode = options.ignoreBackoff ? 'now' : options.reconnect ? 'reconnect' : 'due';
    if (this.draining && mode !== 'due') await this.draining;
    this.draining ??= this.drainOnce(mode).finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  /**
   * Takes a waiting item out of the queue for good. Only a queued item can be cancelled: one
   * being sent may already have reached the mesh, and a finished one has nothing to stop.
   */
  cancel(id: string): Promise<{ cancelled: boolean; item: OutboxItem | null }> {
    return this.exclusive(async () => {
      const item = await this.get(id);
      if (!item || item.state !== 'queued') return { cancelled: false, item };
      const cancelled: OutboxItem = { ...item, state: 'cancelled', nextAttemptAt: null, updatedAt: new Date(this.now()).toISOString() };
      await this.write(cancelled);
      this.changed();
      return { cancelled: true, item: cancelled };
    });
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private isDue(item: OutboxItem, mode: DrainMode): boolean {
    if (mode === 'now' || !item.nextAttemptAt) return true;
    const next = Date.parse(item.nextAttemptAt);
    if (mode === 'reconnect') return this.now() >= Math.min(next, Date.parse(item.updatedAt) + RECONNECT_MIN_WAIT_MS);
    return this.now() >= next;
  }

  /** Waits for one item to reach a final state (sent, failed or cancelled), draining as needed. */
  async settle(id: string, timeoutMs = 60_000): Promise<OutboxItem> {
    const deadline = this.now() + timeoutMs;
    for (;;) {
      await this.drain();
      const item = await this.get(id);
      if (!item) throw new Error(`Outbox item ${id} is gone.`);
      if (item.state === 'sent' || item.state === 'failed' || item.state === 'cancelled') return item;
      if (this.now() > deadline) return item;
      const wait = item.nextAttemptAt ? Math.max(50, Date.parse(item.nextAttemptAt) - this.now()) : 100;
      await new Promise((done) => setTimeout(done, Math.min(wait, 2000)));
    }
  }

  /** Re-drains on a timer while anything is queued (and right away when called). */
  start(intervalMs = 3000): void {
    this.stop();
    this.timer = setInterval(() => void this.drain(), intervalMs);
    this.timer.unref?.();
    void this.drain({ ignoreBackoff: true });
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.wakeUp) clearTimeout(this.wakeUp);
    this.wakeUp = null;
  }

  /** The mesh is back but the item was tried a moment ago: try again once the floor has passed. */
  private wakeUpAt(item: OutboxItem): void {
    if (this.wakeUp) return;
    const at = Math.min(Date.parse(item.nextAttemptAt ?? item.updatedAt), Date.parse(item.updatedAt) + RECONNECT_MIN_WAIT_MS);
    this.wakeUp = setTimeout(
      () => {
        this.wakeUp = null;
        void this.drain({ reconnect: true });
      },
      Math.max(0, at - this.now()) + 10,
    );
    this.wakeUp.unref?.();
  }

  /**
   * Forgets the oldest finished items beyond `keepFinished`: the activity log keeps the record,
   * and the outbox folder is re-read on every drain.
   */
  private async pruneFinished(all: OutboxItem[]): Promise<void> {
    const finished = all.filter((i) => i.state === 'sent' || i.state === 'failed' || i.state === 'cancelled');
    const excess = finished.length - (this.options.keepFinished ?? 200);
    for (const item of finished.slice(0, Math.max(0, excess))) await rm(this.fileOf(item), { force: true });
  }

  private async drainOnce(mode: DrainMode): Promise<void> {
    const all = await this.items();
    await this.pruneFinished(all);
    const items = all.filter((i) => i.state === 'queued' || i.state === 'sending');
    for (const listed of items) {
      if (!this.isDue(listed, mode)) {
        if (mode === 'reconnect') this.wakeUpAt(listed);
        // Order matters (submit before activate): nothing after a waiting item goes first.
        return;
      }
      // Re-read under the lock: the user may have cancelled it since the listing.
      const sending = await this.exclusive(async () => {
        const item = await this.get(listed.id);
        if (!item || (item.state !== 'queued' && item.state !== 'sending')) return null;
        const next: OutboxItem = { ...item, state: 'sending', attempts: item.attempts + 1, updatedAt: new Date(this.now()).toISOString() };
        await this.write(next);
        return next;
      });
      if (!sending) continue;
      try {
        const result = await this.options.send(sending);
        const sent: OutboxItem = {
          ...sending,
          state: 'sent',
          result: result ?? null,
          lastError: null,
          nextAttemptAt: null,
          updatedAt: new Date(this.now()).toISOString(),
        };
        await this.write(sent);
        this.options.onSent?.(sent);
      } catch (error) {
        const failure = error instanceof MeshError ? error : new MeshError(null, 'send_failed', error instanceof Error ? error.message : String(error), true);
        if (failure.retryable) {
          const wait = backoffMs(sending.attempts, failure.retryAfterSeconds, this.options.random);
          await this.write({
            ...sending,
            state: 'queued',
            lastError: failure.message,
            nextAttemptAt: new Date(this.now() + wait).toISOString(),
            updatedAt: new Date(this.now()).toISOString(),
          });
          this.changed();
          // Offline: later items would fail the same way, and order matters (submit before activate).
          return;
        }
        await this.write({
          ...sending,
          state: 'failed',
          lastError: failure.message,
          lastErrorCode: failure.code,
          nextAttemptAt: null,
          updatedAt: new Date(this.now()).toISOString(),
        });
      }
      this.changed();
    }
  }

  private async write(item: OutboxItem): Promise<void> {
    await ensurePrivateDir(this.options.dir);
    await writeFileAtomic(this.fileOf(item), JSON.stringify(item, null, 2));
  }

  /** Named by creation time, so a directory listing is the sending order. */
  private fileOf(item: OutboxItem): string {
    return join(this.options.dir, `${item.createdAt.replace(/[:.]/g, '-')}-${item.id}.json`);
  }

  private changed(): void {
    if (!this.options.onChange) return;
    void this.items().then(this.options.onChange, () => undefined);
  }
}
