import { z } from 'zod';

/**
 * The lineage fields an activity-log entry records in its `details` (docs/governance.md,
 * "Lineage"). Every field is optional: entries written before lineage was recorded still parse,
 * and whatever they lack is shown as "not recorded". Unknown fields are kept out of the way
 * (not strict): the details of an entry hold other things too (rows, bytes, ms...).
 */

/** One product version a run read: the data version and the contract it was checked against. */
export const productVersionReadSchema = z.object({
  product: z.string().min(1).max(64),
  version: z.string().min(1).max(200),
  /** Null when the version's contract version was not known (a cache written before it was kept). */
  contractVersion: z.string().max(200).nullable(),
});
export type ProductVersionRead = z.infer<typeof productVersionReadSchema>;

export const audienceRefSchema = z.object({ id: z.string().min(1).max(200), version: z.number().int().positive() });
export type AudienceRef = z.infer<typeof audienceRefSchema>;

export const segmentRefSchema = z.object({ id: z.string().min(1).max(64), name: z.string().max(200), version: z.number().int().positive() });
export type SegmentRef = z.infer<typeof segmentRefSchema>;

export const lineageDetailsSchema = z.object({
  /** The product versions read (absent: not recorded). */
  reads: z.array(productVersionReadSchema).max(100).optional(),
  /** Analysis runs: the spec's kind and a hash of the parsed spec (matches saved specs). */
  kind: z.string().max(64).optional(),
  specHash: z.string().max(64).optional(),
  /** Older analysis entries: every product loaded at the time (not only those the run read). */
  dataVersions: z.record(z.string(), z.string()).optional(),
  /** Audience submissions, approvals, rejections, activations: the audience version concerned. */
  audience: audienceRefSchema.optional(),
  /** Audience submissions: the audience's name as submitted. */
  audienceName: z.string().max(200).optional(),
  /** The saved segment an audience (or its review export) was built from. */
  segment: segmentRefSchema.optional(),
  destination: z.string().max(200).optional(),
  /** Activations: the mesh's activation id. */
  activationId: z.string().max(200).optional(),
  /** Exports: what was exported and how. */
  format: z.string().max(32).optional(),
  /** The mesh the data came from (pulls; runs read cached versions of it). */
  meshUrl: z.string().max(500).optional(),
  /** Pulls: the product and version installed. */
  product: z.string().max(64).optional(),
  version: z.string().max(200).optional(),
  /** What the mesh answered to a write sent through the outbox (older entries carry only this). */
  result: z.unknown().optional(),
});
export type LineageDetails = z.infer<typeof lineageDetailsSchema>;

/** Each known field parsed on its own, so one malformed field does not hide the others. */
export function readLineageDetails(details: Record<string, unknown>): LineageDetails {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(lineageDetailsSchema.shape)) {
    if (details[key] === undefined) continue;
    const parsed = schema.safeParse(details[key]);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as LineageDetails;
}

const audienceAnswerSchema = z.object({ id: z.string().min(1), version: z.coerce.number().int().positive() });
const activationAnswerSchema = z.object({ id: z.string().min(1), audience_id: z.string().optional(), version: z.coerce.number().int().positive().optional() });
const submittedSpecSchema = z.object({
  spec: z.object({
    review: z
      .object({
        segment: segmentRefSchema.optional(),
        reads: z.array(productVersionReadSchema).optional(),
      })
      .optional(),
  }),
  name: z.string().max(200).optional(),
  destination: z.string().optional(),
});
const activateBodySchema = z.object({ audience_id: z.string().min(1), version: z.number().int().positive() });
const DECISION_PATH = /\/v1\/audiences\/([^/]+)\/versions\/(\d+)\/(approve|reject)$/;

/**
 * The lineage fields of a mesh write once the mesh has answered it (the outbox's sent item):
 * which audience version a submission created and what it read, which version a decision was
 * about, and which activation an activation started. Pure, so main/mesh records it and tests
 * check it without a mesh.
 */
export function outboxLineageDetails(item: { kind: string; path: string; body: unknown; result: unknown }): LineageDetails {
  if (item.kind === 'submit_audience') {
    const answer = audienceAnswerSchema.safeParse(item.result);
    const body = submittedSpecSchema.safeParse(item.body);
    const review = body.success ? body.data.spec.review : undefined;
    return {
      ...(answer.success ? { audience: { id: answer.data.id, version: answer.data.version } } : {}),
      ...(review?.segment ? { segment: review.segment } : {}),
      ...(review?.reads ? { reads: review.reads } : {}),
      ...(body.success && body.data.destination ? { destination: body.data.destination } : {}),
      ...(body.success && body.data.name ? { audienceName: body.data.name } : {}),
    };
  }
  if (item.kind === 'approve' || item.kind === 'reject') {
    const match = DECISION_PATH.exec(item.path);
    return match?.[1] && match[2] ? { audience: { id: decodeURIComponent(match[1]), version: Number(match[2]) } } : {};
  }
  if (item.kind === 'activate') {
    const body = activateBodySchema.safeParse(item.body);
    const answer = activationAnswerSchema.safeParse(item.result);
    return {
      ...(body.success ? { audience: { id: body.data.audience_id, version: body.data.version } } : {}),
      ...(answer.success ? { activationId: answer.data.id } : {}),
    };
  }
  return {};
}
