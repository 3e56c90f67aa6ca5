/**
 * The countdown to a cached copy's retention purge, in words (docs/governance.md#retention).
 * The last 3 days are a warning: pull again (a new copy starts a new countdown) or finish what
 * needs the data.
 */
const DAY_MS = 86_400_000;
export const WARN_WITHIN_DAYS = 3;

export interface RetentionCountdown {
  text: string;
  warn: boolean;
}

export function retentionCountdown(purgeAt: string, now: Date = new Date()): RetentionCountdown {
  const left = Date.parse(purgeAt) - now.getTime();
  if (Number.isNaN(left) || left <= 0) return { text: 'PII copy is being deleted (retention reached)', warn: true };
  // Whole days, rounded up: 11 days and 2 hours left still reads "in 12 days".
  const days = Math.ceil(left / DAY_MS);
  const text = days === 1 ? 'PII copy deleted within a day' : `PII copy deleted in ${days} days`;
  return { text, warn: left <= WARN_WITHIN_DAYS * DAY_MS };
}
