import { z } from 'zod';
import type { RuleNode } from '../specs/segment-rule';
import { call } from './define';

const audienceInput = z
  .object({
    name: z.string().trim().min(1, 'Give the audience a name').max(120),
    segmentId: z.string().min(1, 'Pick a saved segment').max(64),
    destination: z.string().min(1, 'Pick a destination').max(64),
    holdout_pct: z.number().min(0, 'The holdout is 0 to 50 percent').max(50, 'The holdout is 0 to 50 percent'),
    salt: z.string().min(1, 'A salt is needed so the holdout split can be found again').max(64),
  })
  .strict();
export type AudienceInput = z.infer<typeof audienceInput>;

/**
 * The Customer 360 extract whose consent an audience was built on, or is re-checked against:
 * its version, when this laptop pulled it, when the mesh last updated it and its freshness SLA.
 */
export const consentSnapshotSchema = z.object({
  version: z.string(),
  pulled_at: z.string(),
  updated_at: z.string().nullable(),
  sla_hours: z.number().nullable(),
});
export type ConsentSnapshot = z.infer<typeof consentSnapshotSchema>;

/**
 * Consent that stays current (docs/governance.md): members of a built version whose consent
 * for the destination's purpose changed since, against the newest Customer 360 on this laptop.
 */
export const consentRecheckSchema = z.object({
  /** What the version was built on; null when unknown (versions built before it was recorded, or by another client). */
  built_on: consentSnapshotSchema.nullable(),
  /** The newest Customer 360 pulled on this laptop (what activation re-checks against); null when none is pulled. */
  checked_against: consentSnapshotSchema.nullable(),
  /** Members removed because they no longer consent; null when it cannot be checked (see `note`). */
  removed: z.number().nullable(),
  /** Members no longer in Customer 360 at all (also left out). */
  missing: z.number(),
  /** Why `removed` is null, in plain words. */
  note: z.string().nullable(),
  /** Set when `checked_against` is older than its freshness SLA: what is refused and what to do. */
  stale: z.string().nullable(),
});
export type ConsentRecheckView = z.infer<typeof consentRecheckSchema>;

export const dryRunSchema = z.object({
  segmentName: z.string(),
  segmentSize: z.number(),
  members: z.number(),
  excluded: z.object({ no_consent: z.number(), missing_identifier: z.number(), holdout: z.number() }),
  holdoutSize: z.number(),
  destination: z.object({ id: z.string(), name: z.string(), purpose: z.string(), identifier: z.string(), min_members: z.number().nullable() }),
  belowMinimum: z.boolean(),
  /** The last approved version of this audience (same name): member changes and the holdout salt it used (null for versions recorded before salts were kept). */
  previous: z
    .object({ version: z.number(), adds: z.number(), removes: z.number(), salt: z.string().nullable(), holdout_pct: z.number().nullable() })
    .nullable(),
  overlaps: z.array(z.object({ audience: z.string(), shared: z.number() })),
  dataVersions: z.record(z.string(), z.string()),
  /**
   * The Customer 360 this dry run is built on, whether it is too old to submit (a plain
   * explanation, or null), and the last approved version's members re-checked against it.
   */
  consent: z.object({ snapshot: consentSnapshotSchema.nullable(), stale: z.string().nullable(), previous: consentRecheckSchema.nullable() }).optional(),
});
export type DryRun = z.infer<typeof dryRunSchema>;

const outboxView = z.object({
  id: z.string(),
  kind: z.string(),
  summary: z.string(),
  state: z.string(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  result: z.unknown(),
});

const versionRef = z.object({ id: z.string().min(1).max(100), version: z.number().int().positive() }).strict();

/**
 * The review package the requester's laptop sends with a submission (inside the audience's
 * `spec.review` on the mesh), so an approver on another laptop sees the exclusions, the diff and
 * the manifest the requester saw. Null for versions submitted without one (another client).
 */
export const submittedReviewSchema = z.object({
  segment: z.object({ id: z.string(), name: z.string(), version: z.number() }),
  data_versions: z.record(z.string(), z.string()),
  counts: z.object({ segment: z.number(), members: z.number(), excluded: dryRunSchema.shape.excluded }),
  members_file: z.object({ name: z.string(), rows: z.number(), sha256: z.string() }),
  previous: dryRunSchema.shape.previous,
  created_at: z.string(),
  /** The Customer 360 the members were built on (absent in versions submitted before it was recorded). */
  consent_snapshot: consentSnapshotSchema.nullable().optional(),
});
export type SubmittedReview = z.infer<typeof submittedReviewSchema>;

/** A destination as the UI names it: its display name, falling back to the id when the mesh no longer lists it. */
const destinationView = z.object({ id: z.string(), name: z.string(), purpose: z.string().nullable(), identifier: z.string().nullable() });

/** One audience version with everything an approver reviews before signing it off. */
export const audienceVersionViewSchema = z.object({
  id: z.string(),
  version: z.number(),
  name: z.string(),
  status: z.string(),
  requested_by: z.string(),
  created_at: z.string().nullable(),
  decided_by: z.string().nullable(),
  decided_at: z.string().nullable(),
  comment: z.string().nullable(),
  destination: destinationView,
  /** The segment rule (parsed, defaults filled in), or null when the spec holds none this workbench reads. */
  rule: z.custom<RuleNode>().nullable(),
  as_of: z.string().nullable(),
  holdout_pct: z.number().nullable(),
  salt: z.string().nullable(),
  member_count: z.number(),
  /** What the mesh itself left out of the submitted members (its own consent and holdout check). */
  mesh_excluded: z.object({ no_consent: z.number(), in_holdout: z.number() }).nullable(),
  review: submittedReviewSchema.nullable(),
  /** The latest approved version of the same audience below this one, for the rule and setting changes. */
  last_approved: z
    .object({
      version: z.number(),
      rule: z.custom<RuleNode>().nullable(),
      destination: z.string(),
      destination_name: z.string(),
      holdout_pct: z.number().nullable(),
      salt: z.string().nullable(),
      member_count: z.number(),
    })
    .nullable(),
  canApprove: z.boolean(),
  isApprover: z.boolean(),
  me: z.string(),
  /** Members consent changes removed since the version was built (null where the mesh gave no members to check). */
  consent: consentRecheckSchema.nullable().optional(),
});
export type AudienceVersionView = z.infer<typeof audienceVersionViewSchema>;

/** Audiences: consent-gated membership with holdouts, review export, four-eyes approval, activation. */
export const audiencesContract = {
  destinations: call('Where audiences can be sent', z.object({}).strict(), z.object({ destinations: z.array(dryRunSchema.shape.destination) })),
  dryRun: call('What submitting this audience would send, and who is left out and why', audienceInput, dryRunSchema),
  exportReview: call(
    'The hashed member CSV and a manifest JSON a reviewer can check offline',
    audienceInput,
    z.object({ csv: z.string(), manifest: z.string(), csvName: z.string(), manifestName: z.string() }),
  ),
  submit: call('Submit the audience for approval (through the outbox)', audienceInput, z.object({ item: outboxView })),
  list: call(
    'Every audience version on the mesh, with what this user may do with it',
    z.object({}).strict(),
    z.object({
      audiences: z.array(
        z.object({
          id: z.string(),
          version: z.number(),
          name: z.string(),
          status: z.string(),
          requested_by: z.string(),
          member_count: z.number(),
          destination: z.string(),
          /** The destination's display name and consent purpose (the id and null when the mesh no longer lists it). */
          destination_name: z.string(),
          purpose: z.string().nullable(),
          /** Who approved or rejected it, and their comment (filled in for decided versions). */
          decided_by: z.string().nullable(),
          comment: z.string().nullable(),
          canApprove: z.boolean(),
          /** Held-out members recorded on this laptop for this version (0 when none or unknown). */
          holdout: z.number(),
          activations: z.array(z.object({ id: z.string(), status: z.string(), error: z.string().nullable(), member_count: z.number() })),
        }),
      ),
      me: z.string(),
      isApprover: z.boolean(),
      /** True when the mesh is unreachable and this is the last answer seen, kept in the workspace at `seenAt`. */
      offline: z.boolean(),
      seenAt: z.string().nullable(),
    }),
  ),
  version: call('One audience version with its rule, exclusions, diff and manifest, for review', versionRef, audienceVersionViewSchema),
  approve: call(
    'Approve a pending version (approvers only, never your own request)',
    versionRef.extend({ comment: z.string().max(1000).default('') }),
    z.object({ item: outboxView }),
  ),
  reject: call(
    'Reject a pending version with a reason',
    versionRef.extend({ comment: z.string().min(1, 'Say why it is rejected').max(1000) }),
    z.object({ item: outboxView }),
  ),
  activate: call(
    'Activate an approved version (through the outbox); an activation already queued, being sent or sent is returned instead, unless `resend` (the user confirmed a re-send)',
    versionRef.extend({ resend: z.boolean().default(false) }),
    z.object({ item: outboxView }),
  ),
  analyseHoldout: call(
    "Record an activated version's treated and held-out members as an experiment and name it",
    versionRef,
    z.object({ experimentId: z.string() }),
  ),
  outbox: call('Queued and sent mesh requests', z.object({}).strict(), z.object({ items: z.array(outboxView) })),
  retryOutbox: call('Try to send queued requests now', z.object({}).strict(), z.object({ pending: z.number() })),
  cancelOutbox: call(
    'Cancel a queued mesh request (one being sent or finished cannot be)',
    z.object({ id: z.string().min(1).max(100) }).strict(),
    z.object({ cancelled: z.boolean(), item: outboxView.nullable() }),
  ),
};
