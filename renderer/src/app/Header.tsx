import { useEffect } from 'react';
import { useSessionStore } from '../stores/session-store';
import { JobsTray } from './JobsTray';

const ROLE_LABEL: Record<string, string> = { marketer: 'Marketer', analyst: 'Analyst', approver: 'Approver', privacy_officer: 'Privacy officer' };

/** Who you are, on which mesh, whether it is reachable, and what runs in the background. */
export function Header() {
  const { session, online, error, load } = useSessionStore();
  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), 30_000);
    return () => window.clearInterval(timer);
  }, [load]);
  const isOnline = online ?? (session ? !session.offline : null);
  return (
    <header className="topbar" data-testid="topbar">
      <div className="topbar-mesh">
        <span className={`status-dot ${isOnline === null ? 'unknown' : isOnline ? 'online' : 'offline'}`} aria-hidden="true" />
        <span data-testid="online-status">{isOnline === null ? 'Connecting…' : isOnline ? 'Online' : 'Offline: working from cached extracts'}</span>
        {session?.meshUrl && (
          <span className="muted mono" title="Active mesh">
            {session.meshUrl}
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
          <span className="muted" title={error ?? ''}>
            {error ? 'Not signed in' : '…'}
          </span>
        )}
      </div>
    </header>
  );
}
