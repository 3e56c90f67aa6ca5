import type { CatalogEntry } from '../../../../shared/ipc/catalog-contract';
import type { Job } from '../../../../shared/ipc/events';
import { findJob } from '../../stores/job-match';

/** Where a first-run pull of several products stands, for one progress bar. */
export interface BatchProgress {
  /** 0..1 over all products (a finished pull counts 1; a pull without a size yet counts 0). */
  progress: number;
  done: number;
  failed: string[];
  running: number;
  total: number;
}

/** The products a newcomer still needs: everything this laptop has not pulled. */
export function missingProducts(products: readonly CatalogEntry[]): CatalogEntry[] {
  return products.filter((p) => p.cached === null);
}

/**
 * One progress figure for the pulls of `ids`: each product's newest pull job (matched by the
 * job's subject) contributes its own progress; products already on the laptop count as done.
 */
export function batchProgress(ids: readonly string[], jobs: readonly Job[], cached: ReadonlySet<string>): BatchProgress {
  let sum = 0;
  let done = 0;
  let running = 0;
  const failed: string[] = [];
  for (const id of ids) {
    const job = findJob(jobs, 'pull', id);
    if (job?.state === 'done' || (job === undefined && cached.has(id))) {
      sum += 1;
      done += 1;
    } else if (job?.state === 'running') {
      sum += job.progress ?? 0;
      running += 1;
    } else if (job?.state === 'failed' || job?.state === 'cancelled') {
      failed.push(id);
    }
  }
  return { progress: ids.length === 0 ? 1 : sum / ids.length, done, failed, running, total: ids.length };
}
