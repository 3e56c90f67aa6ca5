/**
 * Mesh API v1 (SPEC.md section 7): the request and response bodies every mesh node speaks.
 *
 * Responses are loose objects so a richer mesh (more fields) still parses; the request
 * bodies the project's own node accepts are strict, so a typo in a field name is an error
 * instead of a silently ignored value. Extension calls and fields that SPEC.md does not pin
 * are marked as such and documented in docs/mesh-node.md.
 */
import { z } from 'zod';

export const roleSchema = z.enum(['marketer', 'analyst', 'approver', 'privacy_officer']);
export type Role = z.infer<typeof roleSchema>;
export const ROLES = roleSchema.options;

/** The purposes a customer consents to; each maps to the `consent_<purpose>` column of `customers`. */
export const consentPurposeSchema = z.enum(['email', 'ads', 'analytics']);
export type ConsentPurpose = z.infer<typeof consentPurposeSchema>;

export const audienceStatusSchema = z.enum(['pending_approval', 'approved', 'rejected']);
export type AudienceStatus = z.infer<typeof audienceStatusSchema>;

export const activationStatusSchema = z.enum(['accepted', 'syncing', 'succeeded', 'failed']);
export type ActivationStatus = z.infer<typeof activationStatusSchema>;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits (a SHA-256)');

/** Product versions are opaque strings; a mesh that numbers them still parses. */
const productVersion = z.union([z.string().min(1), z.number()]).transform((v) => String(v));

/** Audience versions are positive integers; a mesh that sends them as digit strings still parses. */
const audienceVersionNumber = z.union([
  z.number().int().positive(),
  z
    .string()
    .regex(/^[1-9]\d*$/, 'must be a positive whole number')
    .transform((v) => Number(v)),
]);

/** Any JSON error answer: `{"error":{"code","message"}}`. */
export const apiErrorSchema = z.looseObject({
  error: z.looseObject({ code: z.string(), message: z.string() }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** GET /v1/me */
export const meSchema = z.looseObject({
  user: z.string(),
  // roles this workbench does not know (a richer mesh may have more) are dropped, not fatal
  roles: z.array(z.string()).transform((roles) => roles.filter((r): r is Role => roleSchema.safeParse(r).success)),
  purposes: z.array(z.string()),
  pii_access: z.boolean(),
});
export type Me = z.output<typeof meSchema>;

/**
 * One catalog entry. `pseudonymised` (extension) is true where the caller receives
 * `email` as its SHA-256 and `phone` as null.
 */
export const productSummarySchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  domain: z.string(),
  owner: z.string(),
  description: z.string(),
  version: productVersion,
  updated_at: z.string(),
  freshness_sla_hours: z.number(),
  classification: z.string(),
  pseudonymised: z.boolean().optional(),
});
export type ProductSummary = z.infer<typeof productSummarySchema>;
export const productSchema = productSummarySchema;
export type Product = ProductSummary;

/** GET /v1/products */
export const productListSchema = z.looseObject({ products: z.array(productSummarySchema) });
export type ProductList = z.infer<typeof productListSchema>;

export const manifestFileSchema = z.looseObject({
  name: z.string().min(1),
  url: z.string().min(1),
  sha256: sha256Hex,
  bytes: z.number().int().nonnegative(),
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

/** GET /v1/products/{id}/extract. `url` may be relative to the mesh's base URL. */
export const manifestSchema = z.looseObject({
  product: z.string(),
  version: productVersion,
  produced_at: z.string(),
  rows: z.number().int().nonnegative(),
  files: z.array(manifestFileSchema),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** `min_members` (extension): the smallest audience the destination accepts; the UI warns below it. */
export const destinationSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  purpose: z.string(),
  identifier: z.string(),
  min_members: z.number().int().nonnegative().optional(),
});
export type Destination = z.infer<typeof destinationSchema>;

/** GET /v1/destinations */
export const destinationListSchema = z.looseObject({ destinations: z.array(destinationSchema) });
export type DestinationList = z.infer<typeof destinationListSchema>;

export const audienceMemberSchema = z.strictObject({
  customer_id: z.string().min(1),
  email_sha256: sha256Hex,
});
export type AudienceMember = z.infer<typeof audienceMemberSchema>;

/** POST /v1/audiences request body. A `name` already in use adds a new version to that audience. */
export const audienceCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  spec: z.record(z.string(), z.unknown()),
  destination: z.string().min(1),
  holdout_pct: z.number().min(0).max(50),
  salt: z.string().min(1).max(200),
  members: z.array(audienceMemberSchema),
});
export type AudienceCreate = z.infer<typeof audienceCreateSchema>;

/** How many submitted members the mesh left out, and why (extension of the POST /v1/audiences answer). */
export const audienceExclusionsSchema = z.looseObject({
  no_consent: z.number().int().nonnegative(),
  in_holdout: z.number().int().nonnegative(),
});
export type AudienceExclusions = z.infer<typeof audienceExclusionsSchema>;

/** POST /v1/audiences answer: `{"id","version","status":"pending_approval"}` (+ extension counts). */
export const audienceCreatedSchema = z.looseObject({
  id: z.string(),
  version: audienceVersionNumber,
  status: audienceStatusSchema,
  member_count: z.number().int().nonnegative().optional(),
  submitted_count: z.number().int().nonnegative().optional(),
  excluded: audienceExclusionsSchema.optional(),
});
export type AudienceCreated = z.infer<typeof audienceCreatedSchema>;

/** One row of GET /v1/audiences (one per audience version). */
export const audienceSummarySchema = z.looseObject({
  id: z.string(),
  version: audienceVersionNumber,
  name: z.string(),
  status: audienceStatusSchema,
  requested_by: z.string(),
  member_count: z.number().int().nonnegative(),
  destination: z.string(),
});
export type AudienceSummary = z.infer<typeof audienceSummarySchema>;

/** GET /v1/audiences?status= */
export const audienceListSchema = z.looseObject({ audiences: z.array(audienceSummarySchema) });
export type AudienceList = z.infer<typeof audienceListSchema>;

/**
 * One audience version: the answer of approve/reject, and of the extension
 * GET /v1/audiences/{id}/versions/{v}. Fields past the summary are optional so a
 * mesh that answers only the summary still parses.
 */
export const audienceVersionSchema = audienceSummarySchema.extend({
  spec: z.record(z.string(), z.unknown()).optional(),
  holdout_pct: z.number().optional(),
  salt: z.string().optional(),
  approved_by: z.string().nullable().optional(),
  rejected_by: z.string().nullable().optional(),
  comment: z.string().nullable().optional(),
  created_at: z.string().optional(),
  decided_at: z.string().nullable().optional(),
  excluded: audienceExclusionsSchema.optional(),
});
export type AudienceVersion = z.infer<typeof audienceVersionSchema>;

/** POST /v1/audiences/{id}/versions/{v}/approve and /reject request body. */
export const audienceDecisionSchema = z.strictObject({
  comment: z.string().max(2000).default(''),
});
export type AudienceDecision = z.input<typeof audienceDecisionSchema>;

/**
 * POST /v1/activations request body (with an `Idempotency-Key` header). `members` (extension):
 * the approved members the client still sends after re-checking consent; absent, the version's
 * accepted members are sent.
 */
export const activationCreateSchema = z.strictObject({
  audience_id: z.string().min(1),
  version: z.number().int().positive(),
  members: z.array(audienceMemberSchema).optional(),
});
export type ActivationCreate = z.infer<typeof activationCreateSchema>;

/** POST /v1/activations (202) and GET /v1/activations/{id}. */
export const activationSchema = z.looseObject({
  id: z.string(),
  status: activationStatusSchema,
  member_count: z.number().int().nonnegative(),
  error: z.string().nullable().optional(),
  audience_id: z.string().optional(),
  version: audienceVersionNumber.optional(),
  destination: z.string().optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
});
export type Activation = z.infer<typeof activationSchema>;

/** Extension GET /v1/activations/{id}/members: exactly the members the mesh sent to the destination. */
export const activationMembersSchema = z.looseObject({
  activation_id: z.string(),
  destination: z.string(),
  identifier: z.string(),
  members: z.array(z.looseObject({ customer_id: z.string(), email_sha256: z.string() })),
});
export type ActivationMembers = z.infer<typeof activationMembersSchema>;

/**
 * The 409 of POST /v1/activations (extension) when customers in the list have withdrawn consent
 * for the destination's purpose since it was built: how many, and the purpose.
 */
export const consentWithdrawnErrorSchema = z.looseObject({
  error: z.looseObject({
    code: z.literal('consent_withdrawn'),
    message: z.string(),
    count: z.number().int().nonnegative(),
    purpose: z.string().optional(),
  }),
});

/** Extension GET /v1/audiences/{id}/versions/{v}/members: the members the mesh accepted for the version. */
export const audienceVersionMembersSchema = z.looseObject({
  audience_id: z.string(),
  version: audienceVersionNumber,
  members: z.array(z.looseObject({ customer_id: z.string(), email_sha256: z.string() })),
});
export type AudienceVersionMembers = z.infer<typeof audienceVersionMembersSchema>;

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/**
 * Extension POST /v1/audit: a batch of activity-log entries from a client, so the mesh's audit
 * trail sees what happened on laptops. `id` makes a resend harmless: an id already stored is
 * not stored again. Strings and details are bounded so one client cannot fill the trail.
 */
export const auditEntrySchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'must be 1-128 letters, digits or _ . : -'),
  at: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time such as 2026-11-30T12:00:00Z' }),
  actor: z.string().min(1).max(200),
  action: z.string().min(1).max(64),
  subject: z.string().min(1).max(1000),
  details: z.record(z.string(), z.unknown()).refine((d) => JSON.stringify(d).length <= 16_384, 'must be at most 16 KB of JSON'),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const AUDIT_BATCH_MAX = 500;

export const auditBatchSchema = z.strictObject({
  entries: z.array(auditEntrySchema).min(1, 'must hold at least one entry').max(AUDIT_BATCH_MAX, `must hold at most ${AUDIT_BATCH_MAX} entries`),
});
export type AuditBatch = z.infer<typeof auditBatchSchema>;

/** POST /v1/audit answer: how many entries were new and how many were already stored (by id). */
export const auditAcceptedSchema = z.looseObject({
  accepted: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
});
export type AuditAccepted = z.infer<typeof auditAcceptedSchema>;

/** GET /v1/audit (admin token): the stored trail, oldest first, with who sent each entry. */
export const auditTrailSchema = z.looseObject({
  entries: z.array(auditEntrySchema.extend({ received_at: z.string(), received_from: z.string() })),
});
export type AuditTrail = z.infer<typeof auditTrailSchema>;
