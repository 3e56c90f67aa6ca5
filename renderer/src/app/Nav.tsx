import { ROUTES } from './routes';
import { useUiStore } from '../stores/ui-store';

export function Nav() {
  const route = useUiStore((s) => s.route);
  const navigate = useUiStore((s) => s.navigate);
  return (
    <nav className="nav" aria-label="Main" data-testid="nav">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>{' '}
        Meshwork
      </div>
      <ul>
        {ROUTES.map((r) => (
          <li key={r.id}>
            <button
              type="button"
              className={r.id === route ? 'nav-item active' : 'nav-item'}
              aria-current={r.id === route ? 'page' : undefined}
              title={r.hint}
              data-testid={`nav-${r.id}`}
              onClick={() => navigate(r.id)}
            >
              {r.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
