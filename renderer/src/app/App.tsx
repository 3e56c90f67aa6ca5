import { useEffect } from 'react';
import { Nav } from './Nav';
import { Header } from './Header';
import { Toasts } from '../ui/Toasts';
import { useUiStore } from '../stores/ui-store';
import type { RouteId } from './routes';
import { ActivityPage } from '../features/activity/ActivityPage';
import { AttributionPage } from '../features/attribution/AttributionPage';
import { AudiencesPage } from '../features/audiences/AudiencesPage';
import { CampaignsPage } from '../features/campaigns/CampaignsPage';
import { CatalogPage } from '../features/catalog/CatalogPage';
import { ExperimentsPage } from '../features/experiments/ExperimentsPage';
import { GeoExperimentsPage } from '../features/geo/GeoExperimentsPage';
import { PlanningPage } from '../features/planning/PlanningPage';
import { SegmentsPage } from '../features/segments/SegmentsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { LineagePage } from '../features/lineage/LineagePage';

const PAGES: Record<RouteId, () => React.JSX.Element> = {
  catalog: CatalogPage,
  campaigns: CampaignsPage,
  attribution: AttributionPage,
  segments: SegmentsPage,
  experiments: ExperimentsPage,
  geo: GeoExperimentsPage,
  planner: PlanningPage,
  audiences: AudiencesPage,
  activity: ActivityPage,
  settings: SettingsPage,
  lineage: LineagePage,
};

export function App() {
  const { route, theme, restored, restore } = useUiStore();
  useEffect(() => {
    void restore();
  }, [restore]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const Current = PAGES[route];
  return (
    <div className="shell">
      <Nav />
      <div className="workspace">
        <Header />
        <main className="main" id="main">
          {restored ? <Current /> : <div className="skeleton" style={{ height: 200 }} />}
        </main>
      </div>
      <Toasts />
    </div>
  );
}
