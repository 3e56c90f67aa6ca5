import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { onEvent } from '../../api/events';
import { formatCount, formatAge } from '../../../../shared/format';
import { Page } from '../../app/Page';
import { ErrorState, LoadingBlock } from '../../ui/States';
import { toastError, useToastStore } from '../../stores/toast-store';
import { useUiStore } from '../../stores/ui-store';
import { AudienceBuilderCard } from './AudienceBuilderCard';
import '../segments/segments.css';
import './audiences.css';

type List = Awaited<ReturnType<typeof api.audiences.list>>;
type Outbox = Awaited<ReturnType<typeof api.audiences.outbox>>['items'];

const STATUS_CLASS: Record<string, string> = { approved: 'badge-good', rejected: 'badge-bad', pending_approval: 'badge-warn', succeeded: 'badge-good', failed: 'badge-bad' };

export function AudiencesPage() {
  const navigate = useUiStore((s) => s.navigate);
  const [list, setList] = useState<List | null>(null);
  const [outbox, setOutbox] = useState<Outbox>([]);
  const [error, setError] = useState<string | null>(null);
  const [comments, setComments] = useState<Record<string, string>>({});
  // Actions waiting for their answer, by "<action>:<id>@<version>": their buttons are disabled,
  // and the ref stops a second click that lands before React has re-rendered.
  const [pendingActs, setPendingActs] = useState<ReadonlySet<string>>(new Set());
  const inFlight = useRef(new Set<string>());
  // State is set in the promise's callbacks, never synchronously in the effect that polls
  // (React's set-state-in-effect rule).
  const reload = useCallback(
    () =>
      Promise.all([api.audiences.list({}), api.audiences.outbox({})]).then(
        ([l, o]) => {
          setList(l);
          setOutbox(o.items);
          setError(null);
        },
        (e: unknown) => {
          setError(e instanceof Error ? e.message : String(e));
          // The mesh may be down while the local outbox still answers: keep showing it.
          api.audiences.outbox({}).then((o) => setOutbox(o.items), () => undefined);
        },
      ),
    [],
  );
  useEffect(() => {
    void reload();
    const timer = window.setInterval(() => void reload(), 2500);
    const off = onEvent('outbox', () => void reload());
    return () => {
      window.clearInterval(timer);
      off();
    };
  }, [reload]);

  const isPending = (what: string, id: string, version: number) => pendingActs.has(`${what}:${id}@${version}`);

  const act = async (what: 'approve' | 'reject' | 'activate', id: string, version: number, resend = false) => {
    const key = `${id}@${version}`;
    const actKey = `${what}:${key}`;
    if (inFlight.current.has(actKey)) return;
    // Re-sending an activation sends the audience to the platform again: only when confirmed.
    if (resend && !window.confirm('This version was already activated. Send it to the destination again?')) return;
    inFlight.current.add(actKey);
    setPendingActs(new Set(inFlight.current));
    try {
      const { item } = what === 'activate' ? await api.audiences.activate({ id, version, resend }) : what === 'approve' ? await api.audiences.approve({ id, version, comment: comments[key] ?? '' }) : await api.audiences.reject({ id, version, comment: comments[key] ?? '' });
      useToastStore.getState().push(item.state === 'sent' ? { kind: 'success', title: `${what === 'activate' ? 'Activation started' : what === 'approve' ? 'Approved' : 'Rejected'}` } : { kind: 'info', title: 'Queued until the mesh is reachable', detail: item.summary });
      await reload();
    } catch (e) {
      toastError(`Could not ${what}`, e);
    } finally {
      inFlight.current.delete(actKey);
      setPendingActs(new Set(inFlight.current));
    }
  };

  const cancelQueued = async (id: string) => {
    try {
      const { cancelled } = await api.audiences.cancelOutbox({ id });
      useToastStore.getState().push(cancelled ? { kind: 'info', title: 'Cancelled: it will not be sent' } : { kind: 'info', title: 'Too late to cancel', detail: 'It is being sent or has finished.' });
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
    <Page title="Audiences" subtitle="Send approved, consented audiences to your ad and e-mail platforms, with a holdout to measure them." testId="page-audiences">
      <AudienceBuilderCard onSubmitted={() => void reload()} />
      {list?.isApprover && (
        <div className="card" data-testid="approvals">
          <h2>Approvals inbox</h2>
          {pending.length === 0 && <p className="muted">Nothing waits for approval.</p>}
          {pending.map((a) => {
            const key = `${a.id}@${a.version}`;
            return (
              <div key={key} className="approval" data-testid={`approval-${a.name}`}>
                <div><strong>{a.name}</strong> v{a.version}: {formatCount(a.member_count)} members to {a.destination}, requested by {a.requested_by}</div>
                {a.canApprove ? (
                  <div className="row">
                    <input placeholder="Comment (required to reject)" value={comments[key] ?? ''} onChange={(e) => setComments({ ...comments, [key]: e.target.value })} data-testid={`approval-comment-${a.name}`} />
                    <button type="button" className="btn btn-primary" disabled={isPending('approve', a.id, a.version) || isPending('reject', a.id, a.version)} onClick={() => void act('approve', a.id, a.version)} data-testid={`approve-${a.name}`}>Approve</button>
                    <button type="button" className="btn" disabled={isPending('approve', a.id, a.version) || isPending('reject', a.id, a.version)} onClick={() => void act('reject', a.id, a.version)} data-testid={`reject-${a.name}`}>Reject</button>
                  </div>
                ) : (
                  <div className="muted" data-testid={`own-request-${a.name}`}>You requested this version: another approver must sign it off.</div>
                )}
              </div>
            );
          })}
        </div>
      )}
      <div className="card">
        <h2>Audiences on the mesh</h2>
        {error && !list && <ErrorState title="Audiences could not be loaded" message={error} onRetry={() => void reload()} />}
        {!error && !list && <LoadingBlock />}
        {list && list.audiences.length === 0 && <p className="muted">No audiences yet. Build one above.</p>}
        {list && list.audiences.length > 0 && (
          <table className="table" data-testid="audience-list">
            <thead><tr><th>Audience</th><th>Destination</th><th>Members</th><th>Status</th><th>Requested by</th><th>Activation</th><th /></tr></thead>
            <tbody>
              {list.audiences.map((a) => (
                <tr key={`${a.id}@${a.version}`} data-testid={`audience-${a.name}-v${a.version}`}>
                  <td>{a.name} <span className="muted">v{a.version}</span></td>
                  <td>{a.destination}</td>
                  <td>{formatCount(a.member_count)}</td>
                  <td><span className={`badge ${STATUS_CLASS[a.status] ?? ''}`} data-testid="audience-status">{a.status.replace('_', ' ')}</span></td>
                  <td>{a.requested_by}</td>
                  <td data-testid="activation-status">{a.activations.map((x) => <div key={x.id}><span className={`badge ${STATUS_CLASS[x.status] ?? ''}`}>{x.status}</span>{x.error && <span className="error-text"> {x.error}</span>}</div>)}</td>
                  <td className="row">
                    {a.status === 'approved' && a.activations.length === 0 && (
                      <button type="button" className="btn btn-small btn-primary" disabled={isPending('activate', a.id, a.version)} onClick={() => void act('activate', a.id, a.version)} data-testid={`activate-${a.name}`}>
                        {isPending('activate', a.id, a.version) ? 'Activating…' : 'Activate'}
                      </button>
                    )}
                    {a.status === 'approved' && a.activations.length > 0 && (
                      <button type="button" className="btn btn-small" title="Send this version to the destination again" disabled={isPending('activate', a.id, a.version)} onClick={() => void act('activate', a.id, a.version, true)} data-testid={`resend-${a.name}`}>
                        Re-send
                      </button>
                    )}
                    {a.holdout > 0 && a.activations.length > 0 && (
                      <button type="button" className="btn btn-small" title={`Compare the ${formatCount(a.holdout)} held-out customers with those who received it`} onClick={() => void analyseHoldout(a.id, a.version)} data-testid={`analyse-holdout-${a.name}`}>
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
          <button type="button" className="btn btn-small" onClick={() => void api.audiences.retryOutbox({}).then(() => reload())} data-testid="outbox-retry">Send now</button>
        </div>
        {outbox.length === 0 ? <p className="muted">Requests to the mesh appear here; when you are offline they wait and are sent once, when you are back.</p> : (
          <table className="table"><tbody>
            {outbox.slice(0, 12).map((i) => (
              <tr key={i.id} data-testid="outbox-item" data-state={i.state}>
                <td>{i.summary}</td>
                <td><span className={`badge ${i.state === 'sent' ? 'badge-good' : i.state === 'failed' ? 'badge-bad' : i.state === 'cancelled' ? '' : 'badge-warn'}`}>{i.state}</span></td>
                <td className="muted small">{i.attempts} attempt{i.attempts === 1 ? '' : 's'}{i.lastError ? `: ${i.lastError}` : ''}</td>
                <td className="muted small">{formatAge(i.createdAt)}</td>
                <td>{i.state === 'queued' && <button type="button" className="btn btn-small" onClick={() => void cancelQueued(i.id)} data-testid="outbox-cancel">Cancel</button>}</td>
              </tr>
            ))}
          </tbody></table>
        )}
      </div>
    </Page>
  );
}
