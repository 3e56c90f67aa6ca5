/**
 * Deletes cached copies of personal data once their contract's retention has run out
 * (retention.ts): at start and then periodically. For a current version the engine drops its
 * tables first, then the current pointer goes, then the files; analyses then say the product
 * must be pulled. Each purge is recorded (the activity log).
 */
import { getLogger } from '../logging/logger';
import type { ExtractCache } from './extract-cache';
import { isExpired, retainedCopy, type RetainedCopy } from './retention';

const log = getLogger('retention-purge');

export const PURGE_INTERVAL_MS = 60 * 60 * 1000;

export interface RetentionPurgeOptions {
  cache: ExtractCache;
  /** Drops the product's tables from the engine before its current version's files go. */
  unload: (product: string) => Promise<void>;
  /** Records one purged copy (the activity log); a failure is logged, the purge stands. */
  record: (copy: RetainedCopy, text: string) => Promise<void>;
  /** The clock (tests inject one). */
  now?: () => Date;
  /** Runs a pass in turn with whatever else loads or drops engine tables (start-services.ts). */
  exclusive?: <T>(run: () => Promise<T>) => Promise<T>;
  /** After a pass that purged something: which copies went (the app tells the UI data changed). */
  onPurged?: (copies: RetainedCopy[]) => void;
}

/** "Purged Customer 360 2026-10-31.1 (PII) after 30 days retention". */
export function purgeText(copy: RetainedCopy): string {
  const days = Number.isInteger(copy.days) ? String(copy.days) : copy.days.toFixed(1);
  return `Purged ${copy.name} ${copy.version} (PII) after ${days} day${copy.days === 1 ? '' : 's'} retention`;
}

export class RetentionPurger {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RetainedCopy[]> | null = null;
  private readonly now: () => Date;

  constructor(private readonly options: RetentionPurgeOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** One pass over every cached version; concurrent calls share it. Returns what was purged. */
  runOnce(): Promise<RetainedCopy[]> {
    const exclusive = this.options.exclusive ?? ((run) => run());
    this.running ??= exclusive(() => this.pass()).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  start(intervalMs = PURGE_INTERVAL_MS): void {
    this.stop();
    this.timer = setInterval(() => {
      this.runOnce().catch((error: unknown) => log.error('the retention purge failed; it runs again at the next interval', { err: error }));
    }, intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async pass(): Promise<RetainedCopy[]> {
    const { cache } = this.options;
    const now = this.now();
    const purged: RetainedCopy[] = [];
    for (const product of await cache.productIds()) {
      const current = (await cache.current(product))?.version ?? null;
      const expired: RetainedCopy[] = [];
      for (const meta of await cache.versions(product)) {
        const copy = await retainedCopy(cache, meta);
        if (copy && isExpired(copy, now)) expired.push(copy);
      }
      if (expired.length === 0) continue;
      // The engine must hold no table of the copy before its files go (and none that outlives them).
      const currentCopy = expired.find((c) => c.version === current);
      if (currentCopy) {
        await this.options.unload(product);
        await cache.dropCurrent(product, currentCopy.version);
      }
      for (const copy of expired) {
        await cache.removeVersion(product, copy.version);
        purged.push(copy);
        log.info('purged a cached copy of personal data after its retention', { product, version: copy.version, days: copy.days });
        await this.options
          .record(copy, purgeText(copy))
          .catch((error: unknown) => log.error('could not record a retention purge in the activity log', { err: error, product, version: copy.version }));
      }
    }
    if (purged.length > 0) this.options.onPurged?.(purged);
    return purged;
  }
}
