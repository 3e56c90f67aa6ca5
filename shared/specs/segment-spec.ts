import { z } from 'zod';
import { parseRule, type RuleNode } from './segment-rule';
import { toUtcTimestamp } from './timestamps';
import { specErrorFromZod } from './spec-error';

/**
 * SPEC section 4. `as_of` absent means "now" (the moment the analysis runs), so a saved segment
 * keeps meaning "the last 30 days" as time passes; `include_members` defaults to false.
 */
const segmentHeadSchema = z.strictObject({
  kind: z.literal('segment'),
  as_of: z
    .string()
    .refine((v) => toUtcTimestamp(v) !== null, 'must be an ISO-8601 date or timestamp such as 2026-06-30T00:00:00Z')
    .optional(),
  include_members: z.boolean().default(false),
  rule: z.unknown(),
});

export interface SegmentSpec {
  kind: 'segment';
  as_of?: string;
  include_members: boolean;
  rule: RuleNode;
}

/** A segment spec as a builder writes or a saved item holds it (defaults may be left out). */
export interface SegmentSpecInput {
  kind: 'segment';
  as_of?: string;
  include_members?: boolean;
  rule: RuleNode;
}

export function parseSegmentSpec(input: unknown): SegmentSpec {
  const head = segmentHeadSchema.safeParse(input);
  if (!head.success) throw specErrorFromZod(head.error, input, segmentHeadSchema);
  const rule = parseRule(head.data.rule, ['rule']);
  const spec: SegmentSpec = { kind: 'segment', include_members: head.data.include_members, rule };
  if (head.data.as_of !== undefined) spec.as_of = head.data.as_of;
  return spec;
}
