import type { ConsentRecheckView, ConsentSnapshot } from '../../../../shared/ipc/audiences-contract';
import { formatAge, formatCount, pluralize } from '../../../../shared/format';
import { useApiMutation } from '../../api/queries';
import { toastError, useToastStore } from '../../stores/toast-store';

/**
 * Consent that stays current, on screen: which Customer 360 an audience version was built on,
 * how many of its members consent changes removed since, and the way out when Customer 360 is
 * too old (docs/governance.md).
 */

/** Pulls the newest Customer 360; screens that read it update when the pull has finished. */
export function RefreshCustomer360Button({ testId = 'refresh-customer-360' }: { testId?: string }) {
  const pull = useApiMutation('catalog', 'pull');
  return (
    <button
      type="button"
      className="btn btn-small btn-primary"
      disabled={pull.isPending}
      data-testid={testId}
      onClick={() =>
        pull.mutate(
          { id: 'customers' },
          {
            onSuccess: () =>
              useToastStore
                .getState()
                .push({ kind: 'info', title: 'Refreshing Customer 360', detail: 'Consent is checked again as soon as the newest version is on this laptop.' }),
            onError: (e) => toastError('Customer 360 could not be refreshed', e),
          },
        )
      }
    >
      {pull.isPending ? 'Refreshing…' : 'Refresh Customer 360'}
    </button>
  );
}

export function snapshotText(s: ConsentSnapshot | null): string {
  if (!s) return 'unknown (built before Meshwork recorded it, or by another client)';
  return `Customer 360 ${s.version}${s.pulled_at ? `, pulled ${formatAge(s.pulled_at)}` : ''}`;
}

/** "12 members removed because consent changed since this version was built" (0 said plainly too). */
export function removedText(removed: number, since = 'this version was built'): string {
  return `${pluralize(removed, 'member')} removed because consent changed since ${since}`;
}

/** A stale Customer 360: what is refused and the action that fixes it. */
export function StaleConsentBanner({ message, testId }: { message: string; testId: string }) {
  return (
    <div className="review-banner review-banner-warn consent-stale" data-testid={testId}>
      <span>{message}</span> <RefreshCustomer360Button />
    </div>
  );
}

/** The review page's card: built on, checked against, removed since, and what activation sends. */
export function ConsentRecheckCard({ consent, memberCount }: { consent: ConsentRecheckView; memberCount: number }) {
  const sent = consent.removed === null ? null : Math.max(0, memberCount - consent.removed - consent.missing);
  return (
    <div className="card" data-testid="review-consent">
      <h2>Consent since this version was built</h2>
      {consent.stale && <StaleConsentBanner message={consent.stale} testId="review-consent-stale" />}
      <dl className="facts review-facts">
        <dt>Built on</dt>
        <dd data-testid="review-consent-built-on">{snapshotText(consent.built_on)}</dd>
        <dt>Checked against</dt>
        <dd data-testid="review-consent-checked">{consent.checked_against ? `${snapshotText(consent.checked_against)} (the newest on this laptop)` : '—'}</dd>
      </dl>
      {consent.removed === null ? (
        <p className="muted" data-testid="review-consent-note">
          {consent.note}
        </p>
      ) : (
        <>
          <p
            className={consent.removed > 0 ? 'consent-removed consent-removed-some' : 'consent-removed'}
            data-testid="review-consent-removed"
            data-removed={consent.removed}
          >
            {removedText(consent.removed)}.
          </p>
          {consent.missing > 0 && (
            <p className="muted" data-testid="review-consent-missing">
              {pluralize(consent.missing, 'member')} no longer in Customer 360, also left out.
            </p>
          )}
          <p className="muted">Activating sends the {formatCount(sent)} who still consent; the mesh refuses a list with anyone who has withdrawn.</p>
        </>
      )}
    </div>
  );
}
