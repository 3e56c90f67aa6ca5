import { useEffect } from 'react';
import { Page } from '../../app/Page';
import { useUiStore } from '../../stores/ui-store';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';
import { BreakdownChart } from './BreakdownChart';
import { CampaignGrid } from './CampaignGrid';
import { useCampaignsStore } from './campaigns-store';
import { FiltersBar } from './FiltersBar';
import { KpiTiles } from './KpiTiles';
import { TrendChart } from './TrendChart';
import './campaigns.css';

export function CampaignsPage() {
  const { options, view, error, init } = useCampaignsStore();
  const navigate = useUiStore((s) => s.navigate);
  useEffect(() => {
    void init();
  }, [init]);
  return (
    <Page
      reads={['campaign_performance']}
      title="Campaign Performance 360"
      subtitle="Spend, reach and return across every platform, from the governed metrics layer."
      testId="page-campaigns"
    >
      {error && !options && <ErrorState title="The dashboard could not be loaded" message={error} onRetry={() => void init()} />}
      {!error && !options && <LoadingBlock label="Loading the dashboard" />}
      {options && !options.loaded && (
        <EmptyState
          title="Pull Campaign Performance 360 to see this dashboard."
          action={
            <button type="button" className="btn btn-primary" onClick={() => navigate('catalog', 'campaign_performance')}>
              Open it in the catalog
            </button>
          }
          testId="campaigns-empty"
        >
          The dashboard reads the product's extract on this laptop, so it also works offline once pulled.
        </EmptyState>
      )}
      {options?.loaded && view && (
        <>
          <FiltersBar />
          <KpiTiles view={view} />
          {/* The trend takes the full width (a daily series needs it); the two breakdowns share a row, so no card is left half empty. */}
          <TrendChart view={view} />
          <div className="grid-2 breakdowns">
            <BreakdownChart view={view} dimension="channel" />
            <BreakdownChart view={view} dimension="platform" />
          </div>
          <CampaignGrid />
        </>
      )}
    </Page>
  );
}
