import { useSessionStore } from '../stores/session-store';
import { JobsTray } from './JobsTray';
import { sessionView, useSession } from './session-view';

const ROLE_LABEL: Record<string, string> = { marketer: 'Marketer', analyst: 'Analyst', approver: 'Approver', privacy_officer: 'Privacy officer' };

/** Who you are, on which mesh, whether it is reachable, and what runs in the background. */
export function Header() {
  const query = useSession();
  const pushed = useSessionStore();
  const view = sessionView({ data: query.data, error: query.error, at: Math.max(query.dataUpdatedAt, query.errorUpdatedAt) }, pushed);
  const { session } = view;
  return (
    <header className="topbar" data-testid="topbar">
      <div className="topbar-mesh">
        <span className={`status-dot ${view.status === 'connecting' ? 'unknown' : view.status}`} aria-hidden="true" />
        <span data-testid="online-status">
          {view.status === 'connecting' ? 'Connecting…' : view.status === 'online' ? 'Online' : 'Offline: working from cached extracts'}
        </span>
        {view.meshUrl && (
          <span className="muted mono" title="Active mesh" data-testid="mesh-url">
            {view.meshUrl}
          </span>
        )}
      </div>
      <div className="topbar-right">
        <JobsTray />
        {session ? (
          <div className="user-chip" data-testid="user-chip" title={session.pii_access ? 'Can see raw PII' : 'PII is pseudonymised for you'}>
            <strong>{session.user}</strong>
            <span className="muted">{session.roles.map((r) => ROLE_LABEL[r] ?? r).join(', ')}</span>
          </div>
        ) : (
          <span className="muted" title={view.problem ?? ''} data-testid="user-chip-empty">
            {view.problem ? 'Not signed in' : '…'}
          </span>
        )}
      </div>
    </header>
  );
}
