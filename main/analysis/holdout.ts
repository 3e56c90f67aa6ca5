import { createHash } from 'node:crypto';
import { holdoutThreshold } from '../../shared/analysis/holdout-sql';

export { holdoutSql, holdoutThreshold } from '../../shared/analysis/holdout-sql';

/** The bucket 0..9999 of a customer under a salt (SPEC section 6). */
export function holdoutBucket(salt: string, customerId: string): number {
  const hex = createHash('sha256').update(`${salt}:${customerId}`, 'utf8').digest('hex').slice(0, 8);
  return Number.parseInt(hex, 16) % 10000;
}

/** True when the customer is in the holdout of `holdoutPct` percent (0..50) for this salt. */
export function isHeldOut(salt: string, customerId: string, holdoutPct: number): boolean {
  return holdoutBucket(salt, customerId) < holdoutThreshold(holdoutPct);
}
