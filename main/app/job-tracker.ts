import { randomUUID } from 'node:crypto';
import type { Job } from '../../shared/ipc/events';
import type { AppEvents } from './app-events';

export interface JobHandle {
  id: string;
  signal: AbortSignal;
  progress: (progress: number | null, detail?: string) => void;
  done: (detail?: string) => void;
  fail: (error: unknown) => void;
}

const PROGRESS_EVENT_INTERVAL_MS = 100;

/**
 * Long work (pulls, long analyses) as jobs: the jobs tray shows them with a progress bar
 * and a cancel button. Progress events are throttled so a fast download does not flood
 * the UI.
 */
export class JobTracker {
  private readonly jobs = new Map<string, { job: Job; controller: AbortController; lastEmit: number }>();
  /** Running jobs started with a key (one pull per product), by key. */
  private readonly byKey = new Map<string, string>();

  constructor(private readonly events: AppEvents) {}

  start(kind: Job['kind'], title: string, subject?: string): JobHandle {
    const id = randomUUID();
    const controller = new AbortController();
    const job: Job = {
      id,
      kind,
      title,
      ...(subject !== undefined ? { subject } : {}),
      state: 'running',
      progress: null,
      detail: '',
      startedAt: new Date().toISOString(),
    };
    const entry = { job, controller, lastEmit: 0 };
    this.jobs.set(id, entry);
    this.emit(entry, true);
    return {
      id,
      signal: controller.signal,
      progress: (progress, detail) => {
        if (entry.job.state !== 'running') return;
        entry.job = { ...entry.job, progress, detail: detail ?? entry.job.detail };
        this.emit(entry, false);
      },
      done: (detail) => this.finish(entry, controller.signal.aborted ? 'cancelled' : 'done', detail),
      fail: (error) => {
        if (controller.signal.aborted) return this.finish(entry, 'cancelled', 'Cancelled');
        const message = error instanceof Error ? error.message : String(error);
        entry.job = { ...entry.job, error: message };
        this.finish(entry, 'failed', message);
      },
    };
  }

  /**
   * Records work that failed outside a job (an activity-log write after a run, loading data at
   * startup) as a failed job, so the jobs tray tells the user instead of the failure vanishing.
   */
  reportFailure(kind: Job['kind'], title: string, error: unknown): void {
    this.start(kind, title).fail(error);
  }

  /**
   * One running job per key: a second start while the first runs (a double click on Pull)
   * returns the running job's id instead of a second job doing the same work.
   */
  startOnce(
    key: string,
    kind: Job['kind'],
    title: string,
    subject: string | undefined,
    work: (job: JobHandle) => Promise<void>,
  ): { id: string; joined: boolean } {
    const runningId = this.byKey.get(key);
    if (runningId && this.jobs.get(runningId)?.job.state === 'running') return { id: runningId, joined: true };
    const job = this.start(kind, title, subject);
    this.byKey.set(key, job.id);
    // A job whose work throws fails visibly instead of becoming an unhandled rejection.
    void work(job)
      .catch((error: unknown) => job.fail(error))
      .finally(() => {
        if (this.byKey.get(key) === job.id) this.byKey.delete(key);
      });
    return { id: job.id, joined: false };
  }

  cancel(id: string): boolean {
    const entry = this.jobs.get(id);
    if (!entry || entry.job.state !== 'running') return false;
    entry.controller.abort();
    return true;
  }

  list(): Job[] {
    return [...this.jobs.values()]
      .map((entry) => entry.job)
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, 30);
  }

  private finish(entry: { job: Job; controller: AbortController; lastEmit: number }, state: Job['state'], detail?: string): void {
    if (entry.job.state !== 'running') return;
    entry.job = { ...entry.job, state, progress: state === 'done' ? 1 : entry.job.progress, detail: detail ?? entry.job.detail };
    this.emit(entry, true);
  }

  private emit(entry: { job: Job; lastEmit: number }, force: boolean): void {
    const now = Date.now();
    if (!force && now - entry.lastEmit < PROGRESS_EVENT_INTERVAL_MS) return;
    entry.lastEmit = now;
    this.events.emit('job', entry.job);
  }
}
