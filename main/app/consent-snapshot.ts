import type { ConsentSnapshot } from '../../shared/ipc/audiences-contract';
import { AppError } from '../../shared/errors';
import { formatAge, formatCount } from '../../shared/format';
import { freshness, type VersionMeta } from '../mesh/extract-cache';

/**
 * Which Customer 360 an audience's consent comes from, and whether it is still current enough
 * to send people to a destination. The guard reads the same freshness rule as the catalog's
 * badge (extract-cache.ts): consent data older than Customer 360's SLA is "stale", and a stale
 * audience is neither submitted nor activated until Customer 360 is refreshed.
 */
export function consentSnapshotOf(meta: VersionMeta): ConsentSnapshot {
  return { version: meta.version, pulled_at: meta.fetchedAt, updated_at: meta.updatedAt, sla_hours: meta.freshnessSlaHours };
}

export type ConsentAction = 'submit' | 'activate';

/** The plain explanation when `snapshot` is older than its SLA at `now`, else null (fresh, due or unknown age). */
export function staleConsentProblem(snapshot: ConsentSnapshot, action: ConsentAction, now: Date = new Date()): string | null {
  if (freshness(snapshot.updated_at, snapshot.sla_hours, now) !== 'stale') return null;
  const refused = action === 'submit' ? 'This audience cannot be submitted' : 'This audience cannot be activated';
  return (
    `${refused}: its consent comes from Customer 360 ${snapshot.version}, which the mesh updated ${formatAge(snapshot.updated_at, now)}, ` +
    `longer ago than the ${formatCount(snapshot.sla_hours)}-hour freshness promise, so people may have withdrawn consent since. ` +
    `Refresh Customer 360, then ${action === 'submit' ? 'submit' : 'activate'} again.`
  );
}

/** Refuses the action (AppError `stale_consent`) when the snapshot is stale. */
export function refuseStaleConsent(snapshot: ConsentSnapshot | null, action: ConsentAction, now: Date = new Date()): void {
  const problem = snapshot ? staleConsentProblem(snapshot, action, now) : null;
  if (problem) throw new AppError('stale_consent', problem);
}
