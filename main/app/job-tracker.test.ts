import { describe, expect, it } from 'vitest';
import { AppEvents } from './app-events';
import { JobTracker, type JobHandle } from './job-tracker';

describe('jobs', () => {
  it('runs one job per key: a double click on Pull joins the running pull', async () => {
    const jobs = new JobTracker(new AppEvents());
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let runs = 0;
    const work = async (job: JobHandle) => {
      runs++;
      await gate;
      job.done();
    };
    const first = jobs.startOnce('pull:customers', 'pull', 'Pull customers', 'customers', work);
    const second = jobs.startOnce('pull:customers', 'pull', 'Pull customers', 'customers', work);
    const other = jobs.startOnce('pull:events', 'pull', 'Pull events', 'events', work);
    expect(second).toEqual({ id: first.id, joined: true });
    expect(other.id).not.toBe(first.id);
    expect(jobs.list().filter((j) => j.title === 'Pull customers')).toHaveLength(1);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(2);
    // Finished: the next click is a new pull.
    const again = jobs.startOnce('pull:customers', 'pull', 'Pull customers', 'customers', work);
    expect(again.joined).toBe(false);
    expect(again.id).not.toBe(first.id);
  });

  it('fails a job whose work throws, instead of leaving an unhandled rejection', async () => {
    const jobs = new JobTracker(new AppEvents());
    const started = jobs.startOnce('pull:customers', 'pull', 'Pull customers', 'customers', async () => {
      throw new Error('disk full');
    });
    await new Promise((r) => setTimeout(r, 0));
    const job = jobs.list().find((j) => j.id === started.id);
    expect(job?.state).toBe('failed');
    expect(job?.error).toContain('disk full');
    expect(jobs.startOnce('pull:customers', 'pull', 'Pull customers', 'customers', async () => undefined).joined).toBe(false);
  });
});
