import { useMemo } from 'react';
import { channelName, humanize } from '../../../../shared/display-names';
import { formatByUnit } from '../../../../shared/format';
import { METRICS } from '../../../../shared/metrics/metrics';
import { Chart, type ChartOption } from '../../ui/Chart';
import { ErrorState } from '../../ui/States';
import { plainError } from '../../ui/plain-error';
import { useCampaignsStore, type DashboardView } from './campaigns-store';
import { dashboardCaption } from './dashboard-caption';
import { useBreakdown } from './dashboard-queries';

/** The chosen metric by channel or by platform. */
export function BreakdownChart({ view, dimension }: { view: DashboardView; dimension: 'channel' | 'platform' }) {
  const options = useCampaignsStore((s) => s.options);
  const breakdown = useBreakdown(view.filter, dimension);
  const rows = breakdown.data?.rows;
  const metric = view.metric;
  const def = METRICS[metric];
  const option = useMemo<ChartOption>(() => {
    const sorted = [...(rows ?? [])].sort((a, b) => (a.values[metric] ?? 0) - (b.values[metric] ?? 0));
    return {
      // containLabel keeps long names inside the card; labels wider than 120 px are cut with an ellipsis.
      grid: { left: 8, right: 72, top: 10, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => formatByUnit(typeof v === 'number' ? v : null, def.unit) },
      xAxis: { type: 'value', axisLabel: { hideOverlap: true, formatter: (v: number) => formatByUnit(v, def.unit, { compact: true }) } },
      yAxis: {
        type: 'category',
        data: sorted.map((r) => (dimension === 'channel' ? channelName(r.key) : humanize(r.key))),
        axisLabel: { width: 120, overflow: 'truncate', hideOverlap: true },
      },
      series: [
        {
          name: def.label,
          type: 'bar',
          data: sorted.map((r) => r.values[metric]),
          label: { show: true, position: 'right', formatter: (p: { value: number }) => formatByUnit(p.value, def.unit, { compact: true }) },
        },
      ],
    };
  }, [rows, metric, def, dimension]);
  const title = `${def.label} by ${dimension}`;
  return (
    <div className="card">
      <div className="card-head">
        <h2 title={def.description}>{title}</h2>
      </div>
      {breakdown.error ? (
        <ErrorState title="The breakdown could not be computed" message={plainError(breakdown.error).message} onRetry={() => void breakdown.refetch()} />
      ) : !rows ? (
        <div className="skeleton" style={{ height: 260 }} />
      ) : rows.length === 0 ? (
        <p className="muted empty-chart">No {dimension === 'channel' ? 'channels' : 'platforms'} with data in this date range and filter.</p>
      ) : (
        <Chart option={option} title={title} caption={dashboardCaption(title, view.filter, options)} testId={`breakdown-${dimension}`} height={260} />
      )}
    </div>
  );
}
