import { useEffect } from 'react';
import { Nav } from './Nav';
import { Toasts } from '../ui/Toasts';
import { useUiStore } from '../stores/ui-store';
import { SettingsPage } from '../features/settings/SettingsPage';
import { ROUTES, type RouteId } from './routes';
import { Page } from './Page';

function RouteView({ route }: { route: RouteId }) {
  switch (route) {
    case 'settings':
      return <SettingsPage />;
    default: {
      const meta = ROUTES.find((r) => r.id === route)!;
      return (
        <Page title={meta.label} subtitle={meta.hint} testId={`page-${route}`}>
          <div className="empty-state">This screen arrives with its feature.</div>
        </Page>
      );
    }
  }
}

export function App() {
  const { route, theme, restored, restore } = useUiStore();
  useEffect(() => {
    void restore();
  }, [restore]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className="shell">
      <Nav />
      <main className="main" id="main">
        {restored ? <RouteView route={route} /> : <div className="skeleton" style={{ height: 200 }} />}
      </main>
      <Toasts />
    </div>
  );
}
