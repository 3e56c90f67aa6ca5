import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/queries';
import type { AudienceInput, DryRun } from '../../../../shared/ipc/audiences-contract';
import { formatCount } from '../../../../shared/format';
import { downloadText } from '../../ui/download';
import { EmptyState, ErrorState } from '../../ui/States';
import { toastError, useToastStore } from '../../stores/toast-store';
import { useUiStore } from '../../stores/ui-store';
import { useSavedItems } from '../analysis/saved-items';
import { useLiveRun } from '../analysis/use-live-run';
import { EMPTY_DRAFT, audienceInput, draftProblem, type AudienceDraft } from './audience-form';
import { audienceNeeds } from './audience-needs';
import { StaleConsentBanner, removedText, snapshotText } from './ConsentRecheck';

function newSalt(): string {
  return `aud-${Math.random().toString(36).slice(2, 10)}`;
}

/** Segment -> destination with consent gate and holdout; dry run, review export and submission. */
export function AudienceBuilderCard({ onSubmitted }: { onSubmitted: () => void }) {
  const { items: segments, data: savedList } = useSavedItems('segment');
  const navigate = useUiStore((st) => st.navigate);
  const [draft, setDraft] = useState<AudienceDraft>(EMPTY_DRAFT);
  const [busy, setBusy] = useState(false);
  const submitting = useRef(false);
  const destinationsQuery = useApiQuery('audiences', 'destinations', {});
  const destinations: DryRun['destination'][] = destinationsQuery.data?.destinations ?? [];
  const destinationsError = destinationsQuery.error;
  useEffect(() => {
    if (destinationsError) toastError('Destinations could not be loaded', destinationsError);
  }, [destinationsError]);
  // Until the user picks one, the builder works on the first saved segment.
  const segmentId = draft.segmentId || segments[0]?.id || '';
  // Likewise on the mesh's first destination.
  const destination = draft.destination || destinations[0]?.id || '';
  const form: AudienceInput = audienceInput({ ...draft, segmentId, destination }, segments.find((s) => s.id === segmentId)?.name);
  const problem = draftProblem(form);
  // A refreshed Customer 360 is a new question: the dry run runs again on it.
  const catalog = useApiQuery('catalog', 'products', {});
  const customers = catalog.data?.products.find((p) => p.id === 'customers');
  const customersVersion = customers?.cached?.version ?? '';
  const key = JSON.stringify([form, customersVersion]);
  const dry = useLiveRun(problem === null ? form : null, key, (f) => api.audiences.dryRun(f), 400);
  const set = (patch: Partial<AudienceDraft>) => setDraft((f) => ({ ...f, ...patch }));
  const d = dry.result;
  const saltChanged = d?.previous?.salt != null && d.previous.salt !== form.salt;

  const exportReview = async () => {
    try {
      const files = await api.audiences.exportReview(form);
      downloadText(files.csvName, files.csv);
      downloadText(files.manifestName, files.manifest, 'application/json');
      useToastStore.getState().push({ kind: 'success', title: 'Review files exported', detail: `${files.csvName} and ${files.manifestName}` });
    } catch (error) {
      toastError('The export failed', error);
    }
  };
  const submit = async () => {
    // One submission per click, even a double click that lands before the re-render.
    if (submitting.current) return;
    submitting.current = true;
    setBusy(true);
    try {
      const { item } = await api.audiences.submit(form);
      useToastStore
        .getState()
        .push(
          item.state === 'sent'
            ? { kind: 'success', title: 'Submitted for approval', detail: 'An approver must sign it off before it can be activated.' }
            : { kind: 'info', title: 'Queued: the mesh is unreachable', detail: 'It is sent automatically when you are back online.' },
        );
      onSubmitted();
    } catch (error) {
      toastError('The submission failed', error);
    } finally {
      submitting.current = false;
      setBusy(false);
    }
  };
  const segmentOptions = useMemo(
    () =>
      segments.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      )),
    [segments],
  );

  // Nothing to build from (the list has loaded and is empty): say what an audience needs, not a form.
  if (savedList && segments.length === 0) {
    const needs = audienceNeeds(catalog.data ? Boolean(customers?.cached) : null);
    return (
      <div className="card" data-testid="audience-builder">
        <h2>Build an audience</h2>
        <EmptyState
          title={needs.title}
          testId="audience-builder-empty"
          action={
            <>
              {needs.pullFirst && (
                <>
                  <button type="button" className="btn btn-primary" onClick={() => navigate('catalog', 'customers')}>
                    Pull Customer 360
                  </button>{' '}
                </>
              )}
              <button type="button" className={needs.pullFirst ? 'btn' : 'btn btn-primary'} onClick={() => navigate('segments')}>
                Open Segments
              </button>
            </>
          }
        >
          {needs.detail}
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="card" data-testid="audience-builder">
      <h2>Build an audience</h2>
      <div className="row">
        <label className="field">
          Name
          <input value={form.name} onChange={(e) => set({ name: e.target.value })} data-testid="aud-name" />
        </label>
        <label className="field">
          Segment
          <select value={form.segmentId} onChange={(e) => set({ segmentId: e.target.value })} data-testid="aud-segment">
            {segmentOptions}
          </select>
        </label>
        <label className="field">
          Destination
          <select value={form.destination} onChange={(e) => set({ destination: e.target.value })} data-testid="aud-destination">
            {destinations.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} (needs {d.purpose} consent)
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Holdout: <strong data-testid="aud-holdout-value">{form.holdout_pct}%</strong>
          <input
            type="range"
            min={0}
            max={50}
            step={0.5}
            value={form.holdout_pct}
            onChange={(e) => set({ holdout_pct: Number(e.target.value) })}
            data-testid="aud-holdout"
          />
        </label>
        <label className="field" title="The same salt always gives the same holdout split, so a later analysis can find it again">
          Holdout salt
          <span className="row">
            <input value={form.salt} onChange={(e) => set({ salt: e.target.value })} data-testid="aud-salt" />
            <button type="button" className="btn btn-small" title="A new random salt: a different holdout split" onClick={() => set({ salt: newSalt() })}>
              New
            </button>
            {draft.salt !== null && (
              <button type="button" className="btn btn-small" title="Back to the salt derived from the audience name" onClick={() => set({ salt: null })}>
                Default
              </button>
            )}
          </span>
        </label>
      </div>
      {problem !== null && segments.length > 0 && (
        <p className="muted" data-testid="aud-problem">
          {problem}
        </p>
      )}
      {dry.error && <ErrorState title="The dry run failed" message={dry.error.message} />}
      {d && (
        <div className="dry-run" data-testid="aud-dry-run" data-members={d.members}>
          <div className="dry-numbers">
            <div>
              <div className="big-number" data-testid="aud-members">
                {formatCount(d.members)}
              </div>
              <div className="muted">
                will be sent to {d.destination.name} as {d.destination.identifier}
              </div>
            </div>
            <table className="table" data-testid="aud-exclusions">
              <tbody>
                <tr>
                  <td>In the segment "{d.segmentName}"</td>
                  <td>{formatCount(d.segmentSize)}</td>
                </tr>
                <tr>
                  <td>Held out ({form.holdout_pct}%, kept for measuring)</td>
                  <td data-testid="aud-excl-holdout">−{formatCount(d.excluded.holdout)}</td>
                </tr>
                <tr>
                  <td>No {d.destination.purpose} consent</td>
                  <td data-testid="aud-excl-consent">−{formatCount(d.excluded.no_consent)}</td>
                </tr>
                <tr>
                  <td>No e-mail to match on</td>
                  <td data-testid="aud-excl-identifier">−{formatCount(d.excluded.missing_identifier)}</td>
                </tr>
              </tbody>
            </table>
            <div>
              {saltChanged && d.previous && (
                <div className="banner banner-warn" data-testid="aud-salt-changed">
                  Version {d.previous.version} used the holdout salt “{d.previous.salt}”. With “{form.salt}” the holdout is a different set of people, so part
                  of the change below comes from the new split.{' '}
                  <button type="button" className="btn btn-small" onClick={() => set({ salt: d.previous?.salt ?? null })} data-testid="aud-salt-restore">
                    Use version {d.previous.version}'s salt
                  </button>
                </div>
              )}
              {d.previous ? (
                <>
                  <p data-testid="aud-diff">
                    Versus approved version {d.previous.version}: +{formatCount(d.previous.adds)} added, −{formatCount(d.previous.removes)} removed.
                  </p>
                  {d.consent?.previous && (
                    <p
                      className={d.consent.previous.removed ? 'consent-removed consent-removed-some' : 'consent-removed'}
                      data-testid="aud-consent-removed"
                      data-removed={d.consent.previous.removed ?? ''}
                    >
                      {d.consent.previous.removed === null
                        ? d.consent.previous.note
                        : `${removedText(d.consent.previous.removed, `version ${d.previous.version} was built`)} (built on ${snapshotText(d.consent.previous.built_on)}).`}
                    </p>
                  )}
                </>
              ) : (
                <p className="muted">No approved version of this audience yet.</p>
              )}
              {d.overlaps.length > 0 && <p>Overlap with live audiences: {d.overlaps.map((o) => `${o.audience} ${formatCount(o.shared)}`).join(', ')}.</p>}
            </div>
          </div>
          {d.consent?.stale && <StaleConsentBanner message={d.consent.stale} testId="aud-consent-stale" />}
          {d.belowMinimum && (
            <div className="banner banner-warn" data-testid="aud-min-warning">
              {d.destination.name} needs at least {formatCount(d.destination.min_members)} members to match; this audience has {formatCount(d.members)}.
            </div>
          )}
          <div className="row">
            <button type="button" className="btn" onClick={() => void exportReview()} data-testid="aud-export">
              Export for review
            </button>
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy || dry.running || Boolean(d.consent?.stale)}
              onClick={() => void submit()}
              data-testid="aud-submit"
            >
              Submit for approval
            </button>
            <span className="muted small">
              Only hashed identifiers leave this laptop.
              {d.consent?.snapshot ? ` Consent from Customer 360 ${d.consent.snapshot.version}.` : ''}
            </span>
          </div>
        </div>
      )}
    </div>
  );
}
