import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { formatByUnit, formatDate, formatSignedPercent } from '../../../../shared/format';
import { METRICS, changeTone, type MetricId } from '../../../../shared/metrics/metrics';
import { ErrorState } from '../../ui/States';
import { useCampaignsStore } from './campaigns-store';

export const KPI_METRICS: MetricId[] = ['spend', 'impressions', 'clicks', 'conversions', 'revenue', 'ctr', 'cpc', 'cpa', 'roas'];

type Kpis = Awaited<ReturnType<typeof api.campaigns.kpis>>;

/** The headline numbers for the filter, each with its change against the previous period. */
export function KpiTiles() {
  const { view, revision } = useCampaignsStore();
  const [kpis, setKpis] = useState<Kpis | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!view) return;
    let live = true;
    api.campaigns.kpis({ filter: view.filter }).then(
      (k) => live && (setKpis(k), setError(null)),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [revision, view]);
  if (error) return <ErrorState title="KPIs could not be computed" message={error} />;
  return (
    <div className="kpis" data-testid="kpis">
      {KPI_METRICS.map((id) => {
        const def = METRICS[id];
        const now = kpis?.current[id] ?? null;
        const before = kpis?.previous[id] ?? null;
        const change = now !== null && before !== null && before !== 0 ? now / before - 1 : null;
        const tone = changeTone(def, change);
        const good = tone === 'good' ? 'up-good' : tone === 'bad' ? 'up-bad' : '';
        return (
          <div key={id} className="kpi card" title={def.description} data-testid={`kpi-${id}`}>
            <div className="kpi-label">{def.label}</div>
            {kpis ? (
              <>
                <div className="kpi-value" data-testid={`kpi-${id}-value`} data-value={now ?? ''}>
                  {formatByUnit(now, def.unit, { compact: true })}
                </div>
                <div
                  className={`kpi-change ${good}`}
                  title={`Previous period ${formatDate(kpis.previousFrom)} – ${formatDate(kpis.previousTo)}: ${formatByUnit(before, def.unit)}`}
                >
                  {change === null ? 'no previous data' : `${formatSignedPercent(change)} vs previous`}
                </div>
              </>
            ) : (
              <div className="skeleton" style={{ height: 40 }} />
            )}
          </div>
        );
      })}
    </div>
  );
}
