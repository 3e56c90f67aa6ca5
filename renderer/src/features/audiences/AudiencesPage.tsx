import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { formatCount, formatAge } from '../../../../shared/format';
import { useApi, useApiQuery } from '../../api/queries';
import { Page } from '../../app/Page';
import { ErrorState, LoadingBlock } from '../../ui/States';
import { toastError, useToastStore } from '../../stores/toast-store';
import { useUiStore } from '../../stores/ui-store';
import { ApprovalsInbox } from './ApprovalsInbox';
import { AudienceBuilderCard } from './AudienceBuilderCard';
import { AudienceReviewPage } from './AudienceReviewPage';
import { STATUS_CLASS, statusText } from './status';
import { parseVersionParam, versionParam } from './version-ref';
import '../segments/segments.css';
import './audiences.css';
import { LineageLink } from '../lineage/LineageLink';

/** `#/audiences` is the list and the builder; `#/audiences/<id>@<version>` one version's review page. */
export function AudiencesPage() {
  const param = useUiStore((s) => s.param);
  const ref = parseVersionParam(param);
  return ref ? <AudienceReviewPage key={versionParam(ref)} version={ref} /> : <AudiencesList />;
}

function AudiencesList() {
  const navigate = useUiStore((s) => s.navigate);
  const api = useApi();
  const queryClient = useQueryClient();
  // Polled: approvals and activation progress happen on the mesh, outside this app's events.
  const listQuery = useApiQuery('audiences', 'list', {}, { refetchInterval: 2500, staleTime: 0 });
  const outboxQuery = useApiQuery('audiences', 'outbox', {}, { refetchInterval: 2500, staleTime: 0 });
  const list = listQuery.data ?? null;
  const outbox = outboxQuery.data?.items ?? [];
  const error = listQuery.error?.message ?? null;
  const reload = () => queryClient.invalidateQueries({ queryKey: ['audiences'] });
  // Actions waiting for their answer, by "<action>:<id>@<version>": their buttons are disabled,
  // and the ref stops a second click that lands before React has re-rendered.
  const [pendingActs, setPendingActs] = useState<ReadonlySet<string>>(new Set());
  const inFlight = useRef(new Set<string>());

  const isPending = (what: string, id: string, version: number) => pendingActs.has(`${what}:${id}@${version}`);

  const act = async (id: string, version: number, resend = false) => {
    const actKey = `activate:${id}@${version}`;
    if (inFlight.current.has(actKey)) return;
    // Re-sending an activation sends the audience to the platform again: only when confirmed.
    if (resend && !window.confirm('This version was already activated. Send it to the destination again?')) return;
    inFlight.current.add(actKey);
    setPendingActs(new Set(inFlight.current));
    try {
      const { item } = await api.audiences.activate({ id, version, resend });
      useToastStore
        .getState()
        .push(
          item.state === 'sent'
            ? { kind: 'success', title: 'Activation started' }
            : { kind: 'info', title: 'Queued until the mesh is reachable', detail: item.summary },
        );
      await reload();
    } catch (e) {
      toastError('Could not activate', e);
    } finally {
      inFlight.current.delete(actKey);
      setPendingActs(new Set(inFlight.current));
    }
  };

  const cancelQueued = async (id: string) => {
    try {
      const { cancelled } = await api.audiences.cancelOutbox({ id });
      useToastStore
        .getState()
        .push(
          cancelled
            ? { kind: 'info', title: 'Cancelled: it will not be sent' }
            : { kind: 'info', title: 'Too late to cancel', detail: 'It is being sent or has finished.' },
        );
      await reload();
    } catch (e) {
      toastError('Could not cancel', e);
    }
  };

  const analyseHoldout = async (id: string, version: number) => {
    try {
      const { experimentId } = await api.audiences.analyseHoldout({ id, version });
      navigate('experiments', experimentId);
    } catch (e) {
      toastError('The holdout cannot be analysed yet', e);
    }
  };

  const pending = list?.audiences.filter((a) => a.status === 'pending_approval') ?? [];
  return (
    <Page
      title="Audiences"
      subtitle="Send approved, consented audiences to your ad and e-mail platforms, with a holdout to measure them."
      testId="page-audiences"
    >
      <AudienceBuilderCard onSubmitted={() => void reload()} />
      {list?.isApprover && <ApprovalsInbox pending={pending} />}
      <div className="card">
        <h2>Audiences on the mesh</h2>
        {list?.offline && (
          <div className="review-banner review-banner-warn" data-testid="audiences-last-seen">
            Offline: the mesh is unreachable, so this is the list as last seen {formatAge(list.seenAt)}. Approvals and activations made since then are not
            shown.
          </div>
        )}
        {error && !list && <ErrorState title="Audiences could not be loaded" message={error} onRetry={() => void reload()} />}
        {!error && !list && <LoadingBlock />}
        {list && list.audiences.length === 0 && <p className="muted">No audiences yet. Build one above.</p>}
        {list && list.audiences.length > 0 && (
          <table className="table" data-testid="audience-list">
            <thead>
              <tr>
                <th>Audience</th>
                <th>Destination</th>
                <th>Members</th>
                <th>Status</th>
                <th>Requested by</th>
                <th>Activation</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.audiences.map((a) => (
                <tr key={`${a.id}@${a.version}`} data-testid={`audience-${a.name}-v${a.version}`}>
                  <td>
                    <button
                      type="button"
                      className="aud-link"
                      title={`Audience ${a.id}, version ${a.version}: open its page`}
                      onClick={() => navigate('audiences', versionParam(a))}
                      data-testid="audience-open"
                    >
                      {a.name}
                    </button>{' '}
                    <span className="muted">v{a.version}</span>
                  </td>
                  <td title={a.destination}>{a.destination_name}</td>
                  <td>{formatCount(a.member_count)}</td>
                  <td>
                    <span className={`badge ${STATUS_CLASS[a.status] ?? ''}`} data-testid="audience-status">
                      {statusText(a.status)}
                    </span>
                    {a.status === 'rejected' && (
                      <div className="small rejection" data-testid="rejection-comment">
                        {a.decided_by ?? 'The approver'}: {a.comment ? <q>{a.comment}</q> : 'no comment'}
                      </div>
                    )}
                  </td>
                  <td>{a.requested_by}</td>
                  <td data-testid="activation-status">
                    {a.activations.map((x) => (
                      <div key={x.id}>
                        <span className={`badge ${STATUS_CLASS[x.status] ?? ''}`}>{x.status}</span>
                        {x.error && <span className="error-text"> {x.error}</span>}{' '}
                        <LineageLink object={{ kind: 'activation', id: x.id }} testId="activation-lineage" />
                      </div>
                    ))}
                  </td>
                  <td className="row">
                    {a.status === 'approved' && a.activations.length === 0 && (
                      <button
                        type="button"
                        className="btn btn-small btn-primary"
                        disabled={isPending('activate', a.id, a.version)}
                        onClick={() => void act(a.id, a.version)}
                        data-testid={`activate-${a.name}`}
                      >
                        {isPending('activate', a.id, a.version) ? 'Activating…' : 'Activate'}
                      </button>
                    )}
                    {a.status === 'approved' && a.activations.length > 0 && (
                      <button
                        type="button"
                        className="btn btn-small"
                        title="Send this version to the destination again"
                        disabled={isPending('activate', a.id, a.version)}
                        onClick={() => void act(a.id, a.version, true)}
                        data-testid={`resend-${a.name}`}
                      >
                        Re-send
                      </button>
                    )}
                    {a.holdout > 0 && a.activations.length > 0 && (
                      <button
                        type="button"
                        className="btn btn-small"
                        title={`Compare the ${formatCount(a.holdout)} held-out customers with those who received it`}
                        onClick={() => void analyseHoldout(a.id, a.version)}
                        data-testid={`analyse-holdout-${a.name}`}
                      >
                        Analyse this holdout
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="card" data-testid="outbox">
        <div className="card-head">
          <h2>Outbox</h2>
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              void api.audiences.retryOutbox({}).then(
                () => reload(),
                (e: unknown) => toastError('Could not send', e),
              )
            }
            data-testid="outbox-retry"
          >
            Send now
          </button>
        </div>
        {outbox.length === 0 ? (
          <p className="muted">Requests to the mesh appear here; when you are offline they wait and are sent once, when you are back.</p>
        ) : (
          <table className="table">
            <tbody>
              {outbox.slice(0, 12).map((i) => (
                <tr key={i.id} data-testid="outbox-item" data-state={i.state}>
                  <td>{i.summary}</td>
                  <td>
                    <span
                      className={`badge ${i.state === 'sent' ? 'badge-good' : i.state === 'failed' ? 'badge-bad' : i.state === 'cancelled' ? '' : 'badge-warn'}`}
                    >
                      {i.state}
                    </span>
                  </td>
                  <td className="muted small">
                    {i.attempts} attempt{i.attempts === 1 ? '' : 's'}
                    {i.lastError ? `: ${i.lastError}` : ''}
                  </td>
                  <td className="muted small">{formatAge(i.createdAt)}</td>
                  <td>
                    {i.state === 'queued' && (
                      <button type="button" className="btn btn-small" onClick={() => void cancelQueued(i.id)} data-testid="outbox-cancel">
                        Cancel
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Page>
  );
}
