import { z } from 'zod';

/** A background job (pull, long analysis) as the jobs tray shows it. */
export const jobSchema = z.object({
  id: z.string(),
  kind: z.enum(['pull', 'analysis', 'activation', 'export']),
  title: z.string(),
  /** What the job is about, as an id (the product of a pull): screens find their job by it, never by its title. */
  subject: z.string().optional(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** 0..1, or null while the total is unknown. */
  progress: z.number().min(0).max(1).nullable(),
  detail: z.string().default(''),
  error: z.string().optional(),
  startedAt: z.string(),
});
export type Job = z.infer<typeof jobSchema>;

/** Pushes from main to the renderer. Each has a schema; the renderer parses what it receives. */
export const eventSchemas = {
  job: jobSchema,
  online: z.object({ online: z.boolean(), meshUrl: z.string().nullable() }),
  outbox: z.object({ pending: z.number().int().nonnegative() }),
  dataChanged: z.object({ products: z.array(z.string()) }),
  /** The audit-forwarding outbox moved (a batch queued, sent or refused): the Activity page's "Sent to mesh" badges change. */
  auditForwarding: z.object({ waiting: z.number().int().nonnegative() }),
};
export type EventName = keyof typeof eventSchemas;
export type EventPayload<N extends EventName> = z.infer<(typeof eventSchemas)[N]>;
export const eventNames = Object.keys(eventSchemas) as EventName[];
