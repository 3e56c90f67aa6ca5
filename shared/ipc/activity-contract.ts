import { z } from 'zod';
import { call } from './define';

export const activityEntrySchema = z.object({
  seq: z.number(),
  at: z.string(),
  user: z.string(),
  action: z.string(),
  summary: z.string(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
  /** Whether the entry reached the mesh's audit trail (docs/governance.md#audit-forwarding). */
  forwarded: z.object({ state: z.enum(['sent', 'waiting', 'failed']), error: z.string().optional() }).optional(),
});

/** The tamper-evident activity log. */
export const activityContract = {
  list: call(
    'Activity entries, newest first',
    z.object({ limit: z.number().int().min(1).max(5000).default(500) }).strict(),
    z.object({ entries: z.array(activityEntrySchema), total: z.number() }),
  ),
  verify: call(
    'Check the hash chain: intact, or where it was edited or cut',
    z.object({}).strict(),
    z.object({ intact: z.boolean(), entries: z.number(), line: z.number().optional(), problem: z.string().optional() }),
  ),
  export: call('The whole log as JSON lines', z.object({}).strict(), z.object({ jsonl: z.string(), entries: z.number() })),
};
