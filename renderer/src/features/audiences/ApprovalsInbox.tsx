import type { MeshworkApi } from '../../../../shared/ipc/contract';
import { formatCount } from '../../../../shared/format';
import { useUiStore } from '../../stores/ui-store';
import { versionParam } from './version-ref';

type Row = Awaited<ReturnType<MeshworkApi['audiences']['list']>>['audiences'][number];

/** Pending versions an approver can open; the decision is made on each version's own page. */
export function ApprovalsInbox({ pending }: { pending: Row[] }) {
  const navigate = useUiStore((s) => s.navigate);
  return (
    <div className="card" data-testid="approvals">
      <h2>Approvals inbox</h2>
      {pending.length === 0 && <p className="muted">Nothing waits for approval.</p>}
      {pending.map((a) => (
        <div key={`${a.id}@${a.version}`} className="approval" data-testid={`approval-${a.name}`}>
          <div className="row">
            <div className="approval-text">
              <strong title={`Audience ${a.id}`}>{a.name}</strong> version {a.version}: {formatCount(a.member_count)} members to{' '}
              <span title={a.destination}>{a.destination_name}</span>
              {a.purpose ? ` (${a.purpose} consent)` : ''}, requested by {a.requested_by}
            </div>
            <button type="button" className="btn btn-small btn-primary" onClick={() => navigate('audiences', versionParam(a))} data-testid={`review-${a.name}`}>
              {a.canApprove ? 'Review and decide' : 'Open'}
            </button>
          </div>
          {!a.canApprove && (
            <div className="muted" data-testid={`own-request-${a.name}`}>
              You requested this version: another approver must sign it off.
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
