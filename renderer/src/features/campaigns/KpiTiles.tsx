import { formatByUnit, formatDate, formatSignedPercent } from '../../../../shared/format';
import { METRICS, changeTone, type MetricId } from '../../../../shared/metrics/metrics';
import { ErrorState } from '../../ui/States';
import { plainError } from '../../ui/plain-error';
import type { DashboardView } from './campaigns-store';
import { useKpis } from './dashboard-queries';

export const KPI_METRICS: MetricId[] = ['spend', 'impressions', 'clicks', 'conversions', 'revenue', 'ctr', 'cpc', 'cpa', 'cac', 'roas'];

/** Why CAC shows no value: it counts new customers from Conversions and Touchpoints, not from Campaign Performance 360. */
export const CAC_NEEDS_DATA = 'Pull Conversions and Touchpoints to see CAC';

/** The headline numbers for the filter, each with its change against the previous period; the tooltip says what it divides by. */
export function KpiTiles({ view }: { view: DashboardView }) {
  const query = useKpis(view.filter);
  const kpis = query.data;
  if (query.error) return <ErrorState title="KPIs could not be computed" message={plainError(query.error).message} onRetry={() => void query.refetch()} />;
  return (
    <div className="kpis" data-testid="kpis">
      {KPI_METRICS.map((id) => {
        const def = METRICS[id];
        const now = kpis?.current[id] ?? null;
        const before = kpis?.previous[id] ?? null;
        const change = now !== null && before !== null && before !== 0 ? now / before - 1 : null;
        const tone = changeTone(def, change);
        const good = tone === 'good' ? 'up-good' : tone === 'bad' ? 'up-bad' : '';
        const title = id === 'cac' && kpis && !kpis.cacAvailable ? CAC_NEEDS_DATA : def.description;
        return (
          <div key={id} className="kpi card" title={title} data-testid={`kpi-${id}`}>
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
