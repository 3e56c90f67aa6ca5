import { useMemo } from 'react';
import { formatByUnit } from '../../../../shared/format';
import { METRICS, METRIC_IDS, type MetricId } from '../../../../shared/metrics/metrics';
import { Chart, type ChartOption } from '../../ui/Chart';
import { ErrorState } from '../../ui/States';
import { plainError } from '../../ui/plain-error';
import { useCampaignsStore, type DashboardView } from './campaigns-store';
import { dashboardCaption } from './dashboard-caption';
import { useTrend } from './dashboard-queries';
import { trendModel } from './trend-model';

const GRANULARITY_NAME = { date: 'day', week: 'week', month: 'month' } as const;

/** One metric over time, with metric and granularity pickers; partial weeks and months are marked, not drawn as falls. */
export function TrendChart({ view }: { view: DashboardView }) {
  const update = useCampaignsStore((s) => s.update);
  const options = useCampaignsStore((s) => s.options);
  const trend = useTrend(view.filter, view.metric, view.granularity);
  const def = METRICS[view.metric];
  const points = trend.data?.points;
  const model = useMemo(() => trendModel(points ?? [], view.granularity), [points, view.granularity]);
  const option = useMemo<ChartOption>(() => {
    const many = model.values.length > 40;
    return {
      grid: { left: 16, right: 24, top: 20, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        formatter: (params: { dataIndex: number; value: unknown }[]) => {
          const p = params[0];
          if (!p) return '';
          const value = typeof p.value === 'number' ? p.value : ((p.value as { value?: number } | null)?.value ?? null);
          return `${model.titles[p.dataIndex] ?? ''}<br/>${def.label}: <strong>${formatByUnit(value, def.unit)}</strong>`;
        },
      },
      xAxis: { type: 'category', data: model.labels, axisLabel: { hideOverlap: true }, boundaryGap: model.kind === 'bar' },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatByUnit(v, def.unit, { compact: true }) } },
      series: [
        model.kind === 'bar'
          ? { name: def.label, type: 'bar', barMaxWidth: 56, data: model.values }
          : {
              name: def.label,
              type: 'line',
              smooth: true,
              showSymbol: true,
              areaStyle: { opacity: 0.12 },
              // Partial buckets are hollow and larger, so the short last week reads as partial, not as a fall.
              data: model.values.map((value, i) =>
                model.partial[i] ? { value, symbol: 'emptyCircle', symbolSize: 10 } : { value, symbol: 'circle', symbolSize: many ? 0 : 5 },
              ),
            },
      ],
    };
  }, [model, def]);
  const title = `${def.label} over time`;
  return (
    <div className="card" data-testid="trend" data-sum={points ? points.reduce((a, p) => a + (p.value ?? 0), 0) : ''}>
      <div className="card-head">
        <h2 title={def.description}>{title}</h2>
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
      {trend.error ? (
        <ErrorState title="The trend could not be computed" message={plainError(trend.error).message} onRetry={() => void trend.refetch()} />
      ) : !points ? (
        <div className="skeleton" style={{ height: 280 }} />
      ) : points.length === 0 ? (
        <p className="muted empty-chart" data-testid="trend-empty">
          No {def.label.toLowerCase()} in this date range and filter.
        </p>
      ) : (
        <>
          <Chart option={option} title={title} caption={dashboardCaption(title, view.filter, options)} testId="trend-chart" height={280} />
          {model.note && (
            <p className="muted small-note" data-testid="trend-partial-note">
              {model.note}
            </p>
          )}
          {model.kind === 'bar' && (
            <p className="muted small-note">Only one {GRANULARITY_NAME[view.granularity]} in this range: widen the dates to see a trend.</p>
          )}
        </>
      )}
    </div>
  );
}
