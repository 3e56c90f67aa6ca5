import { create } from 'zustand';
import { api } from '../api/client';
import type { Job } from '../../../shared/ipc/events';
import { findJob } from './job-match';
import { useToastStore } from './toast-store';

interface JobsStore {
  jobs: Job[];
  load: () => Promise<void>;
  cancel: (id: string) => Promise<void>;
}

export const useJobsStore = create<JobsStore>((set) => ({
  jobs: [],
  load: async () => {
    const { jobs } = await api.jobs.list({});
    set({ jobs });
  },
  cancel: async (id) => {
    await api.jobs.cancel({ id });
  },
}));

/** A job started, moved or ended (wired by the event bridge); finished jobs raise a toast. */
export function onJobEvent(job: Job): void {
  const previous = useJobsStore.getState().jobs.find((j) => j.id === job.id);
  useJobsStore.setState((s) => ({ jobs: [job, ...s.jobs.filter((j) => j.id !== job.id)].slice(0, 30) }));
  if (previous?.state === 'running' && job.state !== 'running') {
    const push = useToastStore.getState().push;
    if (job.state === 'done') push({ kind: 'success', title: `${job.title}: done`, detail: job.detail });
    else if (job.state === 'failed') push({ kind: 'error', title: `${job.title} failed`, detail: job.error ?? job.detail });
    else push({ kind: 'info', title: `${job.title} cancelled` });
  }
}

export function useJobFor(kind: Job['kind'], subject: string): Job | undefined {
  return useJobsStore((s) => findJob(s.jobs, kind, subject));
}
