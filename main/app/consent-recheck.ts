import type { ConsentPurpose } from '../../shared/analysis/audience/audience-sql';
import type { RecheckedMember } from '../../shared/analysis/audience/consent-recheck-sql';
import type { ConsentRecheckView, ConsentSnapshot } from '../../shared/ipc/audiences-contract';
import type { AudienceMember } from '../../shared/mesh-api';
import type { AppContext } from './app-context';
import { consentSnapshotOf, staleConsentProblem, type ConsentAction } from './consent-snapshot';

/**
 * Consent that stays current: an audience version is built once and activated later, so before
 * it is sent (and on its dry run and review page) its members are re-checked against the newest
 * Customer 360 pulled on this laptop, and those who withdrew consent for the destination's
 * purpose since are left out and counted (docs/governance.md).
 */

/** A member as the version holds it: the mesh's list has the identifier, a local record only the id. */
export interface VersionMember {
  customer_id: string;
  email_sha256?: string | null;
}

export interface RecheckOutcome {
  /** Members still consenting, with the identifier to send. */
  kept: AudienceMember[];
  removed: number;
  missing: number;
}

/**
 * Splits a version's members by the engine's re-check: kept (still consent, with the version's
 * own identifier where it has one, else the current extract's), removed (consent withdrawn) and
 * missing (no longer in Customer 360, or nothing left to match on).
 */
export function applyRecheck(members: readonly VersionMember[], rechecked: readonly RecheckedMember[]): RecheckOutcome {
  const byId = new Map(rechecked.map((r) => [r.customer_id, r]));
  const kept: AudienceMember[] = [];
  let removed = 0;
  let missing = 0;
  const seen = new Set<string>();
  for (const m of members) {
    if (seen.has(m.customer_id)) continue;
    seen.add(m.customer_id);
    const r = byId.get(m.customer_id);
    const identifier = m.email_sha256 ?? r?.email_sha256 ?? null;
    if (r?.status === 'withdrawn') removed += 1;
    else if (!r || r.status === 'missing' || identifier === null) missing += 1;
    else kept.push({ customer_id: m.customer_id, email_sha256: identifier });
  }
  return { kept, removed, missing };
}

export function isConsentPurpose(p: string | null | undefined): p is ConsentPurpose {
  return p === 'email' || p === 'ads' || p === 'analytics';
}

export class ConsentRechecker {
  constructor(
    private readonly ctx: AppContext,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The Customer 360 the engine has loaded now (what a build reads and a re-check compares against); null when not pulled. */
  async current(): Promise<ConsentSnapshot | null> {
    const loaded = this.ctx.services.loadedProducts().find((p) => p.id === 'customers');
    if (!loaded) return null;
    const meta = await this.ctx.services.mesh.cache.meta('customers', loaded.version);
    return meta ? consentSnapshotOf(meta) : { version: loaded.version, pulled_at: '', updated_at: null, sla_hours: null };
  }

  /** The plain refusal when the current Customer 360 is too old for `action`, else null. */
  async staleProblem(action: ConsentAction, snapshot?: ConsentSnapshot | null): Promise<string | null> {
    const current = snapshot === undefined ? await this.current() : snapshot;
    return current ? staleConsentProblem(current, action, this.now()) : null;
  }

  /**
   * Re-checks `members` (null: the version's members are not known here, `note` says why) for
   * `purpose` against the current Customer 360, for the view and for the activation request.
   */
  async recheck(
    members: readonly VersionMember[] | null,
    purpose: string | null,
    builtOn: ConsentSnapshot | null,
    action: ConsentAction,
    note = 'The members of this version are not known on this laptop, so consent cannot be re-checked here; the mesh still checks it.',
  ): Promise<{ view: ConsentRecheckView; outcome: RecheckOutcome | null }> {
    const current = await this.current();
    const stale = current ? staleConsentProblem(current, action, this.now()) : null;
    const unchecked = (why: string) => ({
      view: { built_on: builtOn, checked_against: current, removed: null, missing: 0, note: why, stale },
      outcome: null,
    });
    if (!current) return unchecked('Pull Customer 360 in the Catalog to re-check consent on this laptop; the mesh still checks it.');
    if (!isConsentPurpose(purpose)) return unchecked('The destination needs a consent purpose Customer 360 does not record, so consent cannot be re-checked.');
    if (!members) return unchecked(note);
    const rechecked = await this.ctx.services.engine.call('audiences.recheckConsent', { customerIds: members.map((m) => m.customer_id), purpose });
    const outcome = applyRecheck(members, rechecked);
    return {
      view: { built_on: builtOn, checked_against: current, removed: outcome.removed, missing: outcome.missing, note: null, stale },
      outcome,
    };
  }
}
