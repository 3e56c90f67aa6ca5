import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { AudienceVersionView } from '../../../../shared/ipc/audiences-contract';
import { formatAge, formatCount, formatDate } from '../../../../shared/format';
import { apiKey, useApiMutation, useApiQuery } from '../../api/queries';
import { Page } from '../../app/Page';
import { ErrorState, LoadingBlock } from '../../ui/States';
import { ApiError } from '../../api/client';
import { toastError, useToastStore } from '../../stores/toast-store';
import { useUiStore } from '../../stores/ui-store';
import { describeRule } from './describe-rule';
import { ConsentRecheckCard, RefreshCustomer360Button } from './ConsentRecheck';
import { changesSinceApproved } from './review-changes';
import { STATUS_CLASS, statusText } from './status';
import type { VersionRef } from './version-ref';
import './audiences.css';
import { LineageLink } from '../lineage/LineageLink';

/**
 * One audience version on its own page: what an approver signs off (who is sent where, under which
 * consent, who is left out, what changed since the last approved version, the manifest) and the
 * decision itself. The requester sees the same page, with the approver's decision and comment.
 */
export function AudienceReviewPage({ version: ref }: { version: VersionRef }) {
  const navigate = useUiStore((s) => s.navigate);
  // A pending version is decided elsewhere (by another user): look again every few seconds.
  const query = useApiQuery('audiences', 'version', ref, { refetchInterval: (q) => (q.state.data?.status === 'pending_approval' ? 4000 : false) });
  const back = (
    <button type="button" className="btn" onClick={() => navigate('audiences')} data-testid="review-back">
      ← All audiences
    </button>
  );
  const v = query.data;
  if (!v) {
    return (
      <Page title="Audience version" testId="page-audience-review" actions={back}>
        {query.error ? (
          <ErrorState title="This audience version could not be loaded" message={query.error.message} onRetry={() => void query.refetch()} />
        ) : (
          <LoadingBlock />
        )}
      </Page>
    );
  }
  return (
    <Page
      title={`${v.name}, version ${v.version}`}
      subtitle={<Subtitle v={v} />}
      testId="page-audience-review"
      actions={
        <>
          {back}
          <LineageLink object={{ kind: 'audience_version', id: `${v.id}@${v.version}` }} className="btn" testId="review-lineage" />
        </>
      }
    >
      <Decision v={v} />
      {/* Keyed by the Customer 360 it re-checks against: a refresh clears a refusal that no longer applies. */}
      {v.status === 'approved' && <ActivateFromReview key={v.consent?.checked_against?.version ?? ''} v={v} />}
      {v.consent && <ConsentRecheckCard consent={v.consent} memberCount={v.member_count} />}
      <div className="grid-2">
        <WhoIsSent v={v} />
        <Exclusions v={v} />
      </div>
      <Changes v={v} />
      <Manifest v={v} />
    </Page>
  );
}

function Subtitle({ v }: { v: AudienceVersionView }) {
  return (
    <span className="review-subtitle">
      <span className={`badge ${STATUS_CLASS[v.status] ?? ''}`} data-testid="review-status" title={`Audience ${v.id}, version ${v.version}`}>
        {statusText(v.status)}
      </span>
      <span>
        Requested by <strong data-testid="review-requester">{v.requested_by}</strong>
        {v.created_at ? ` on ${formatDate(v.created_at)}` : ''}
      </span>
      <span>
        for <strong title={v.destination.id}>{v.destination.name}</strong>
      </span>
    </span>
  );
}

/** The decision already made (with its comment), or the form to make it, or why there is none. */
function Decision({ v }: { v: AudienceVersionView }) {
  if (v.status !== 'pending_approval') {
    const rejected = v.status === 'rejected';
    return (
      <div className={`review-banner ${rejected ? 'review-banner-bad' : 'review-banner-good'}`} data-testid="review-decision">
        <strong>{rejected ? 'Rejected' : 'Approved'}</strong>
        {v.decided_by ? ` by ${v.decided_by}` : ''}
        {v.decided_at ? ` ${formatAge(v.decided_at)}` : ''}
        {v.comment ? (
          <>
            : <q data-testid="review-comment">{v.comment}</q>
          </>
        ) : (
          '.'
        )}
        {rejected && v.requested_by === v.me && (
          <div className="muted small">Change the segment or the audience in the builder and submit it again: it becomes version {v.version + 1}.</div>
        )}
      </div>
    );
  }
  if (v.canApprove) return <DecisionForm v={v} />;
  if (v.isApprover && v.requested_by === v.me) {
    return (
      <div className="review-banner" data-testid="review-own-request">
        You requested this version: another approver must sign it off.
      </div>
    );
  }
  return (
    <div className="review-banner" data-testid="review-waiting">
      Waiting for an approver other than {v.requested_by}.
    </div>
  );
}

/**
 * Activates an approved version from its page, beside the consent re-check: members who withdrew
 * consent since are left out; a refusal (stale Customer 360, the mesh's consent check) is shown
 * here with the action that fixes it.
 */
function ActivateFromReview({ v }: { v: AudienceVersionView }) {
  const activate = useApiMutation('audiences', 'activate', [apiKey('audiences', 'version'), apiKey('audiences', 'list'), apiKey('audiences', 'outbox')]);
  const error = activate.error;
  const code = error instanceof ApiError ? error.code : null;
  const fixable = code === 'consent_withdrawn' || code === 'stale_consent';
  return (
    <div className="card review-activate" data-testid="review-activate-card">
      <div className="row">
        <button
          type="button"
          className="btn btn-primary"
          disabled={activate.isPending}
          data-testid="review-activate"
          onClick={() =>
            activate.mutate(
              { id: v.id, version: v.version, resend: false },
              {
                onSuccess: ({ item }) =>
                  useToastStore
                    .getState()
                    .push(
                      item.state === 'sent'
                        ? { kind: 'success', title: 'Activation started', detail: item.summary }
                        : { kind: 'info', title: 'Queued until the mesh is reachable', detail: item.summary },
                    ),
              },
            )
          }
        >
          {activate.isPending ? 'Activating…' : `Activate for ${v.destination.name}`}
        </button>
        {activate.data && (
          <span className="muted small" data-testid="review-activate-done">
            {activate.data.item.summary}: {activate.data.item.state === 'sent' ? 'sent; follow its progress on the audiences list.' : 'waiting in the outbox.'}
          </span>
        )}
      </div>
      {error && (
        <div className="review-banner review-banner-bad consent-stale" data-testid="review-activate-error" data-code={code ?? ''}>
          <span>{error.message}</span> {fixable && <RefreshCustomer360Button testId="review-activate-refresh" />}
        </div>
      )}
    </div>
  );
}

function DecisionForm({ v }: { v: AudienceVersionView }) {
  const [comment, setComment] = useState('');
  const queryClient = useQueryClient();
  // A decision changes this page, the list and the inbox, and adds an outbox item.
  const invalidates = [apiKey('audiences', 'version'), apiKey('audiences', 'list'), apiKey('audiences', 'outbox')];
  const approve = useApiMutation('audiences', 'approve', invalidates);
  const reject = useApiMutation('audiences', 'reject', invalidates);
  const busy = approve.isPending || reject.isPending;
  const decide = (what: 'approve' | 'reject') => {
    const mutation = what === 'approve' ? approve : reject;
    mutation.mutate(
      { id: v.id, version: v.version, comment: comment.trim() },
      {
        onSuccess: ({ item }) => {
          // The list and inbox are not on screen now: refetch them too, so going back never shows
          // this version as still pending.
          void queryClient.invalidateQueries({ queryKey: ['audiences'], refetchType: 'all' });
          useToastStore
            .getState()
            .push(
              item.state === 'sent'
                ? { kind: 'success', title: what === 'approve' ? `Approved ${v.name} v${v.version}` : `Rejected ${v.name} v${v.version}` }
                : { kind: 'info', title: 'Queued until the mesh is reachable', detail: item.summary },
            );
        },
        onError: (e) => toastError(`Could not ${what}`, e),
      },
    );
  };
  return (
    <div className="card review-decide" data-testid="review-decide">
      <h2>Your decision</h2>
      <textarea
        rows={2}
        maxLength={1000}
        placeholder="Comment for the requester (required to reject)"
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        data-testid="review-comment-input"
      />
      <div className="row">
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => decide('approve')} data-testid="review-approve">
          Approve
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy || comment.trim() === ''}
          title={comment.trim() === '' ? 'Say why in the comment first' : undefined}
          onClick={() => decide('reject')}
          data-testid="review-reject"
        >
          Reject
        </button>
        <span className="muted small">Your decision and comment are recorded on the mesh and shown to {v.requested_by}.</span>
      </div>
    </div>
  );
}

function WhoIsSent({ v }: { v: AudienceVersionView }) {
  return (
    <div className="card" data-testid="review-who">
      <h2>Who is sent where</h2>
      <p className="review-rule" data-testid="review-rule">
        {v.rule ? describeRule(v.rule) : 'The spec holds no segment rule this workbench can read.'}
      </p>
      <dl className="facts review-facts">
        <dt>Segment</dt>
        <dd>
          {v.review ? `${v.review.segment.name} (saved version ${v.review.segment.version})` : '—'}
          {v.as_of ? `, as of ${formatDate(v.as_of)}` : ''}
        </dd>
        <dt>Destination</dt>
        <dd data-testid="review-destination" title={v.destination.id}>
          {v.destination.name}
        </dd>
        <dt>Consent purpose</dt>
        <dd data-testid="review-purpose">
          {v.destination.purpose ? `only customers who consented to ${v.destination.purpose}` : 'unknown (the mesh no longer lists this destination)'}
        </dd>
        <dt>Identifier</dt>
        <dd>{v.destination.identifier ?? '—'}</dd>
        <dt>Holdout</dt>
        <dd>
          {v.holdout_pct === null ? '—' : `${v.holdout_pct}% kept out for measuring`}
          {v.salt ? (
            <>
              , salt <span className="mono">{v.salt}</span>
            </>
          ) : null}
        </dd>
      </dl>
    </div>
  );
}

function Exclusions({ v }: { v: AudienceVersionView }) {
  const r = v.review;
  return (
    <div className="card" data-testid="review-exclusions">
      <h2>Members and who is left out</h2>
      <div className="big-number" data-testid="review-members">
        {formatCount(v.member_count)}
      </div>
      <div className="muted">accepted by the mesh for {v.destination.name}</div>
      {r ? (
        <table className="table review-table">
          <tbody>
            <tr>
              <td>In the segment "{r.segment.name}"</td>
              <td>{formatCount(r.counts.segment)}</td>
            </tr>
            <tr>
              <td>Held out{v.holdout_pct !== null ? ` (${v.holdout_pct}%)` : ''}</td>
              <td data-testid="review-excl-holdout">−{formatCount(r.counts.excluded.holdout)}</td>
            </tr>
            <tr>
              <td>No {v.destination.purpose ?? ''} consent</td>
              <td data-testid="review-excl-consent">−{formatCount(r.counts.excluded.no_consent)}</td>
            </tr>
            <tr>
              <td>No identifier to match on</td>
              <td data-testid="review-excl-identifier">−{formatCount(r.counts.excluded.missing_identifier)}</td>
            </tr>
            <tr>
              <td>
                <strong>Submitted</strong>
              </td>
              <td>
                <strong>{formatCount(r.counts.members)}</strong>
              </td>
            </tr>
          </tbody>
        </table>
      ) : (
        <p className="muted" data-testid="review-no-package">
          This version was submitted without the requester's exclusion counts.
        </p>
      )}
      {v.mesh_excluded && (v.mesh_excluded.no_consent > 0 || v.mesh_excluded.in_holdout > 0) && (
        <div className="review-banner review-banner-warn" data-testid="review-mesh-excluded">
          The mesh's own check left out {formatCount(v.mesh_excluded.no_consent)} without consent and {formatCount(v.mesh_excluded.in_holdout)} in the holdout
          that the requester's laptop had counted in.
        </div>
      )}
    </div>
  );
}

function Changes({ v }: { v: AudienceVersionView }) {
  const changes = changesSinceApproved(v);
  return (
    <div className="card" data-testid="review-diff">
      <h2>Since the last approved version</h2>
      {v.last_approved === null ? (
        <p className="muted">
          No earlier version of this audience was approved: all {formatCount(v.member_count)} members are new to {v.destination.name}.
        </p>
      ) : (
        <>
          <p className="muted">Compared with version {v.last_approved.version}.</p>
          <ul className="review-changes">
            {changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function Manifest({ v }: { v: AudienceVersionView }) {
  const r = v.review;
  return (
    <div className="card" data-testid="review-manifest">
      <h2>Manifest</h2>
      {!r ? (
        <p className="muted">No manifest came with this version.</p>
      ) : (
        <dl className="facts review-facts">
          <dt>Segment spec</dt>
          <dd>
            <pre className="mono review-spec">{JSON.stringify({ kind: 'segment', as_of: v.as_of, rule: v.rule }, null, 2)}</pre>
          </dd>
          <dt>Data versions</dt>
          <dd>
            {Object.entries(r.data_versions).map(([product, version]) => (
              <div key={product}>
                <span className="mono">{product}</span> {version}
              </div>
            ))}
          </dd>
          <dt>Counts</dt>
          <dd>
            {formatCount(r.counts.segment)} in the segment, {formatCount(r.counts.members)} members; left out: {formatCount(r.counts.excluded.holdout)} holdout,{' '}
            {formatCount(r.counts.excluded.no_consent)} no consent, {formatCount(r.counts.excluded.missing_identifier)} no identifier
          </dd>
          <dt>Members file</dt>
          <dd>
            {r.members_file.name}, {formatCount(r.members_file.rows)} rows, sha256{' '}
            <span className="mono" data-testid="review-sha256">
              {r.members_file.sha256}
            </span>
          </dd>
          <dt>Built</dt>
          <dd>
            {formatDate(r.created_at)} on {v.requested_by}'s laptop
          </dd>
        </dl>
      )}
    </div>
  );
}
