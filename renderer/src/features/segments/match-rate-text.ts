/**
 * The estimated match rate of a destination in words: "~62% (8,120 of 13,100 have a hashed
 * e-mail and ads consent)", and how it is estimated, for the tooltip.
 */
import { formatCount, formatPercent } from '../../../../shared/format';

const IDENTIFIER_WORDS: Readonly<Record<string, string>> = {
  email_sha256: 'a hashed e-mail',
  email: 'an e-mail address',
  phone: 'a phone number',
  phone_sha256: 'a hashed phone number',
  mobile_ad_id: 'a mobile ad ID',
  customer_id: 'a customer ID',
};

const PURPOSE_WORDS: Readonly<Record<string, string>> = { ads: 'ads consent', email: 'e-mail consent', analytics: 'analytics consent' };

export interface MatchRateView {
  members: number;
  matchable: number;
  identifier: string;
  purpose: string;
  missing: readonly string[];
}

export function identifierWords(identifier: string): string {
  return IDENTIFIER_WORDS[identifier] ?? identifier.replace(/_/g, ' ');
}

export function purposeWords(purpose: string): string {
  return PURPOSE_WORDS[purpose] ?? `${purpose} consent`;
}

/** "~62%", or an em dash for an empty segment. */
export function matchShare(rate: Pick<MatchRateView, 'members' | 'matchable'>): string {
  // An estimate: a whole percent (the formatter keeps up to two decimals).
  return rate.members > 0 ? `~${formatPercent(Math.round((rate.matchable / rate.members) * 100) / 100)}` : formatPercent(null);
}

/** What the share is made of, or why there is none. */
export function matchDetail(rate: MatchRateView): string {
  if (rate.missing.length > 0) return `Cannot estimate: your Customer 360 extract has no ${rate.missing.join(' or ')} column.`;
  if (rate.members === 0) return 'Nobody is in this segment yet.';
  return `${formatCount(rate.matchable)} of ${formatCount(rate.members)} have ${identifierWords(rate.identifier)} and ${purposeWords(rate.purpose)}`;
}

export function matchExplanation(rate: Pick<MatchRateView, 'identifier' | 'purpose'>): string {
  return (
    `Estimated from Customer 360: members who have ${identifierWords(rate.identifier)} (what this destination matches on) ` +
    `and gave ${purposeWords(rate.purpose)} (what it needs). The platform matches only people it knows, so expect the real rate to be lower.`
  );
}
