import type { Job } from '../../../shared/ipc/events';

/** The newest job of a kind about `subject` (e.g. the pull of one product id); jobs are newest first. */
export function findJob(jobs: readonly Job[], kind: Job['kind'], subject: string): Job | undefined {
  return jobs.find((j) => j.kind === kind && j.subject === subject);
}
