import type { AudienceInput } from '../../../../shared/ipc/audiences-contract';

/**
 * The audience builder's form. The name follows the chosen segment and the holdout salt follows
 * the name until the user edits either on purpose, so rebuilding the same audience proposes the
 * same split: a new random salt per visit made every rebuild look like members had changed.
 */
export interface AudienceDraft {
  segmentId: string;
  destination: string;
  holdout_pct: number;
  /** What the user typed; null while the field follows its default. */
  name: string | null;
  salt: string | null;
}

export const EMPTY_DRAFT: AudienceDraft = { segmentId: '', destination: '', holdout_pct: 10, name: null, salt: null };

/** A readable salt that is the same for the same audience name on every machine. */
export function defaultSalt(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents off: "Éclair" -> "Eclair"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 56);
  return `aud-${slug || 'audience'}`;
}

export function audienceInput(draft: AudienceDraft, segmentName: string | undefined): AudienceInput {
  const name = draft.name ?? segmentName ?? '';
  return {
    name,
    segmentId: draft.segmentId,
    destination: draft.destination,
    holdout_pct: draft.holdout_pct,
    salt: draft.salt ?? defaultSalt(name),
  };
}

/** Why the form cannot be dry-run yet, in words, or null when it can. */
export function draftProblem(input: AudienceInput): string | null {
  if (input.segmentId === '') return 'Pick a segment.';
  if (input.destination === '') return 'Pick a destination.';
  if (input.name.trim() === '') return 'Give the audience a name.';
  if (input.salt.trim() === '') return 'Give the holdout a salt, or reset it to the default.';
  return null;
}
