/**
 * Background jobs as server state: the list is fetched once through the query layer and then
 * kept current by the `job` events main pushes (applyJobEvent, wired by the event bridge), so
 * the jobs tray, pull buttons and the first-run banner read one cache.
 */
import type { QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Job } from '../../../shared/ipc/events';
import { findJob } from '../stores/job-match';
import { toastError, useToastStore } from '../stores/toast-store';
import { apiKey, useApiMutation, useApiQuery } from './queries';

const JOBS = apiKey('jobs', 'list', {});
/** The tray lists the newest jobs only. */
const KEPT = 30;

type JobList = { jobs: Job[] };

/** Recent jobs, newest first. Events keep the cached list current, so it is never refetched as stale. */
export function useJobs(): Job[] {
  return useApiQuery('jobs', 'list', {}, { staleTime: Infinity }).data?.jobs ?? [];
}

/** The newest job of a kind about `subject` (the pull of one product), if any. */
export function useJobFor(kind: Job['kind'], subject: string): Job | undefined {
  return findJob(useJobs(), kind, subject);
}

export function useCancelJob(): (id: string) => Promise<void> {
  const { mutateAsync } = useApiMutation('jobs', 'cancel');
  return useCallback(
    async (id: string) => {
      try {
        await mutateAsync({ id });
      } catch (error) {
        toastError('The job could not be cancelled', error);
      }
    },
    [mutateAsync],
  );
}

/** A job started, moved or ended: update the cached list, and raise a toast when one finishes. */
export function applyJobEvent(queryClient: QueryClient, job: Job): void {
  const cached = queryClient.getQueryData<JobList>(JOBS);
  if (!cached) {
    // Nobody has read the list yet: a partial one would hide older jobs, so the first read fetches it whole.
    void queryClient.invalidateQueries({ queryKey: JOBS });
    return;
  }
  const previous = cached.jobs.find((j) => j.id === job.id);
  queryClient.setQueryData<JobList>(JOBS, { jobs: [job, ...cached.jobs.filter((j) => j.id !== job.id)].slice(0, KEPT) });
  if (previous?.state === 'running' && job.state !== 'running') {
    const push = useToastStore.getState().push;
    if (job.state === 'done') push({ kind: 'success', title: `${job.title}: done`, detail: job.detail });
    else if (job.state === 'failed') push({ kind: 'error', title: `${job.title} failed`, detail: job.error ?? job.detail });
    else push({ kind: 'info', title: `${job.title} cancelled` });
  }
}
