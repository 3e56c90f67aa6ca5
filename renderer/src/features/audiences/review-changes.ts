import type { AudienceVersionView } from '../../../../shared/ipc/audiences-contract';
import { formatCount } from '../../../../shared/format';
import { describeRule } from './describe-rule';

/**
 * What changed since the last approved version, in sentences an approver can check one by one:
 * the rule, the destination, the holdout and its salt, and the members added and removed (as the
 * requester's laptop counted them against the members it recorded for that approved version).
 */
export function changesSinceApproved(view: AudienceVersionView): string[] {
  const last = view.last_approved;
  if (!last) return [];
  const out: string[] = [];
  const before = last.rule ? describeRule(last.rule) : null;
  const now = view.rule ? describeRule(view.rule) : null;
  if (before !== now) out.push(`Rule was: ${before ?? 'not readable'}.`);
  if (last.destination !== view.destination.id) out.push(`Destination was ${last.destination_name}.`);
  if (last.holdout_pct !== view.holdout_pct) out.push(`Holdout was ${last.holdout_pct ?? '?'}%, now ${view.holdout_pct ?? '?'}%.`);
  if (last.salt !== view.salt) out.push(`Holdout salt was “${last.salt ?? '?'}”, now “${view.salt ?? '?'}”: the held-out people are a different set.`);
  const diff = view.review?.previous;
  if (diff && diff.version === last.version)
    out.push(
      `Members: +${formatCount(diff.adds)} added, −${formatCount(diff.removes)} removed (${formatCount(last.member_count)} in version ${last.version}).`,
    );
  else
    out.push(
      `Members: ${formatCount(view.member_count)} now, ${formatCount(last.member_count)} in version ${last.version}${view.review ? '; the requester had no record of that version to count adds and removes.' : '.'}`,
    );
  return out;
}
