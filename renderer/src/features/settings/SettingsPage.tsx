import { Page } from '../../app/Page';
import { useUiStore } from '../../stores/ui-store';
import { ConnectionsCard } from './ConnectionsCard';
import { DemoUsersCard } from './DemoUsersCard';
import { SharingProfilesCard } from './SharingProfilesCard';
import { useAppInfo } from './settings-queries';
import './settings.css';

export function SettingsPage() {
  const theme = useUiStore((s) => s.theme);
  const setTheme = useUiStore((s) => s.setTheme);
  const info = useAppInfo().data;
  return (
    <Page title="Settings" subtitle="Meshes, theme and information about this installation." testId="page-settings">
      <ConnectionsCard />
      <DemoUsersCard />
      <SharingProfilesCard />
      <div className="card">
        <h2>Appearance</h2>
        <label className="field-inline">
          <input type="checkbox" checked={theme === 'dark'} onChange={(e) => setTheme(e.target.checked ? 'dark' : 'light')} data-testid="theme-toggle" />
          Dark theme
        </label>
      </div>
      <div className="card">
        <h2>About</h2>
        {info ? (
          <dl className="facts" data-testid="about">
            <dt>Version</dt>
            <dd>{info.version}</dd>
            <dt>Running in</dt>
            <dd>{info.host === 'electron' ? 'Desktop app' : 'Browser host'}</dd>
            <dt>Workspace folder</dt>
            <dd className="mono">{info.dataDir}</dd>
          </dl>
        ) : (
          <div className="skeleton" style={{ height: 60 }} />
        )}
      </div>
    </Page>
  );
}
