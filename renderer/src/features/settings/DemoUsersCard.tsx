import { toastError, useToastStore } from '../../stores/toast-store';
import { useDemoUsers, useSwitchDemoUser } from './settings-queries';

const LABEL: Record<string, string> = { marketer: 'Marketer', analyst: 'Analyst', approver: 'Approver', privacy_officer: 'Privacy officer (sees PII)' };

/** On the built-in demo mesh, try the product as each role: e.g. approve an audience as the approver. */
export function DemoUsersCard() {
  const demo = useDemoUsers().data;
  const switchUser = useSwitchDemoUser();
  if (!demo?.available) return null;
  const switchTo = (role: string) =>
    switchUser.mutate(
      { role },
      {
        onSuccess: () => useToastStore.getState().push({ kind: 'success', title: `Signed in as the demo ${LABEL[role] ?? role}` }),
        onError: (e) => toastError('Could not switch user', e),
      },
    );
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
            disabled={switchUser.isPending}
            onClick={() => switchTo(role)}
            data-testid={`demo-user-${role}`}
          >
            {LABEL[role] ?? role}
          </button>
        ))}
      </div>
    </div>
  );
}
