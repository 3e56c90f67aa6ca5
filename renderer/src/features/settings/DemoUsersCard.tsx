import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useSessionStore } from '../../stores/session-store';
import { toastError, useToastStore } from '../../stores/toast-store';

const LABEL: Record<string, string> = { marketer: 'Marketer', analyst: 'Analyst', approver: 'Approver', privacy_officer: 'Privacy officer (sees PII)' };

/** On the built-in demo mesh, try the product as each role: e.g. approve an audience as the approver. */
export function DemoUsersCard() {
  const [demo, setDemo] = useState<{ available: boolean; roles: string[]; current: string | null } | null>(null);
  const reloadSession = useSessionStore((s) => s.load);
  useEffect(() => {
    void api.connections.demoUsers({}).then(setDemo, () => setDemo(null));
  }, []);
  if (!demo?.available) return null;
  const switchTo = async (role: string) => {
    try {
      await api.connections.switchDemoUser({ role });
      setDemo({ ...demo, current: role });
      await reloadSession();
      useToastStore.getState().push({ kind: 'success', title: `Signed in as the demo ${LABEL[role] ?? role}` });
    } catch (e) {
      toastError('Could not switch user', e);
    }
  };
  return (
    <div className="card" data-testid="demo-users">
      <h2>Demo users</h2>
      <p className="muted small">
        The built-in demo mesh has one user per role. Switch to see what each may do; extracts you pulled as another role keep that role's view until you pull
        again.
      </p>
      <div className="row">
        {demo.roles.map((role) => (
          <button
            key={role}
            type="button"
            className={role === demo.current ? 'btn btn-primary' : 'btn'}
            aria-pressed={role === demo.current}
            onClick={() => void switchTo(role)}
            data-testid={`demo-user-${role}`}
          >
            {LABEL[role] ?? role}
          </button>
        ))}
      </div>
    </div>
  );
}
