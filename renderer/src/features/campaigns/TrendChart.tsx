import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { formatByUnit } from '../../../../shared/format';
import { METRICS, METRIC_IDS, type MetricId } from '../../../../shared/metrics/metrics';
import { Chart, type ChartOption } from '../../ui/Chart';
import { ErrorState } from '../../ui/States';
import { useCampaignsStore } from './campaigns-store';

type Points = { period: string; value: number | null }[];

/** One metric over time, with metric and granularity pickers. */
export function TrendChart() {
  const { view, revision, update } = useCampaignsStore();
  const [points, setPoints] = useState<Points | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!view) return;
    let live = true;
    api.campaigns.timeseries({ filter: view.filter, metric: view.metric, granularity: view.granularity }).then(
      (r) => live && (setPoints(r.points), setError(null)),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [revision, view]);
  const def = view ? METRICS[view.metric] : null;
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 70, right: 20, top: 20, bottom: 40 },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatByUnit(typeof v === 'number' ? v : null, def?.unit ?? 'count') },
      xAxis: { type: 'category', data: (points ?? []).map((p) => p.period) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatByUnit(v, def?.unit ?? 'count', { compact: true }) } },
      series: [
        { name: def?.label ?? '', type: 'line', smooth: true, showSymbol: false, areaStyle: { opacity: 0.12 }, data: (points ?? []).map((p) => p.value) },
      ],
    }),
    [points, def],
  );
  if (!view) return null;
  return (
    <div className="card" data-testid="trend" data-sum={points ? points.reduce((a, p) => a + (p.value ?? 0), 0) : ''}>
      <div className="card-head">
        <h2>{def?.label} over time</h2>
        <div className="row">
          <select aria-label="Metric" value={view.metric} onChange={(e) => update({ metric: e.target.value as MetricId })} data-testid="trend-metric">
            {METRIC_IDS.map((id) => (
              <option key={id} value={id}>
                {METRICS[id].label}
              </option>
            ))}
          </select>
          <select
            aria-label="Granularity"
            value={view.granularity}
            onChange={(e) => update({ granularity: e.target.value as 'date' | 'week' | 'month' })}
            data-testid="trend-granularity"
          >
            <option value="date">Daily</option>
            <option value="week">Weekly</option>
            <option value="month">Monthly</option>
          </select>
        </div>
      </div>
      {error ? (
        <ErrorState title="The trend could not be computed" message={error} />
      ) : points ? (
        <Chart option={option} title={`${def?.label ?? ''} over time`} testId="trend-chart" height={280} />
      ) : (
        <div className="skeleton" style={{ height: 280 }} />
      )}
    </div>
  );
}
