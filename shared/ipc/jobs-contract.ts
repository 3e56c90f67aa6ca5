import { z } from 'zod';
import { call } from './define';
import { jobSchema } from './events';

/** Background jobs (pulls, long analyses) for the jobs tray. */
export const jobsContract = {
  list: call('Recent background jobs, newest first', z.object({}).strict(), z.object({ jobs: z.array(jobSchema) })),
  cancel: call('Cancel a running job', z.object({ id: z.string().max(64) }).strict(), z.object({ cancelled: z.boolean() })),
};
