import { submittedReviewSchema, type AudienceVersionView } from '../../../shared/ipc/audiences-contract';
import type { AudienceSummary, AudienceVersion, Destination } from '../../../shared/mesh-api';
import { parseRule, type RuleNode } from '../../../shared/specs/segment-rule';

/**
 * What an approver reviews, from the mesh's answers: the audience version, its destination by
 * name, the rule it was built from, the review package the requester's laptop sent with it, and
 * the last approved version below it. Pure, so it is tested without a mesh.
 */

/** The rule of an audience spec, with the parser's defaults; null when the spec holds no readable rule. */
export function specRule(spec: Record<string, unknown> | undefined): RuleNode | null {
  if (!spec || spec.rule === undefined) return null;
  try {
    return parseRule(spec.rule);
  } catch {
    return null;
  }
}

export function destinationView(id: string, destinations: readonly Destination[]): AudienceVersionView['destination'] {
  const found = destinations.find((d) => d.id === id);
  return found ? { id, name: found.name, purpose: found.purpose, identifier: found.identifier } : { id, name: id, purpose: null, identifier: null };
}

/** Who decided a version: the approver or the rejecter, whichever the mesh recorded. */
export function decidedBy(v: AudienceVersion): string | null {
  return v.status === 'approved' ? (v.approved_by ?? null) : v.status === 'rejected' ? (v.rejected_by ?? null) : null;
}

/** The latest approved version of the same audience below `version`, or undefined. */
export function lastApprovedBelow(all: readonly AudienceSummary[], id: string, version: number): AudienceSummary | undefined {
  return all.filter((a) => a.id === id && a.status === 'approved' && a.version < version).sort((a, b) => b.version - a.version)[0];
}

export function audienceVersionView(input: {
  version: AudienceVersion;
  destinations: readonly Destination[];
  lastApproved: AudienceVersion | null;
  session: { user: string; roles: readonly string[] };
}): AudienceVersionView {
  const { version: v, lastApproved, session } = input;
  const review = submittedReviewSchema.safeParse(v.spec?.review);
  const isApprover = session.roles.includes('approver');
  const asOf = v.spec?.as_of;
  return {
    id: v.id,
    version: v.version,
    name: v.name,
    status: v.status,
    requested_by: v.requested_by,
    created_at: v.created_at ?? null,
    decided_by: decidedBy(v),
    decided_at: v.decided_at ?? null,
    comment: v.status === 'pending_approval' ? null : (v.comment ?? null),
    destination: destinationView(v.destination, input.destinations),
    rule: specRule(v.spec),
    as_of: typeof asOf === 'string' ? asOf : null,
    holdout_pct: v.holdout_pct ?? null,
    salt: v.salt ?? null,
    member_count: v.member_count,
    mesh_excluded: v.excluded ? { no_consent: v.excluded.no_consent, in_holdout: v.excluded.in_holdout } : null,
    review: review.success ? review.data : null,
    last_approved: lastApproved
      ? {
          version: lastApproved.version,
          rule: specRule(lastApproved.spec),
          destination: lastApproved.destination,
          destination_name: destinationView(lastApproved.destination, input.destinations).name,
          holdout_pct: lastApproved.holdout_pct ?? null,
          salt: lastApproved.salt ?? null,
          member_count: lastApproved.member_count,
        }
      : null,
    // Four eyes: an approver, on a pending version someone else requested (the mesh checks it too).
    canApprove: isApprover && v.status === 'pending_approval' && v.requested_by !== session.user,
    isApprover,
    me: session.user,
  };
}
