import { useMemo } from 'react';
import { channelName, platformName } from '../../../../shared/display-names';
import { formatByUnit } from '../../../../shared/format';
import { METRICS } from '../../../../shared/metrics/metrics';
import { Chart, type ChartOption } from '../../ui/Chart';
import { ErrorState } from '../../ui/States';
import { plainError } from '../../ui/plain-error';
import { useCampaignsStore, type DashboardView } from './campaigns-store';
import { dashboardCaption } from './dashboard-caption';
import { useBreakdown } from './dashboard-queries';

/** The tooltip is HTML: ids and names from the data are text, never markup. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The chosen metric by channel or by platform. */
export function BreakdownChart({ view, dimension }: { view: DashboardView; dimension: 'channel' | 'platform' }) {
  const options = useCampaignsStore((s) => s.options);
  const breakdown = useBreakdown(view.filter, dimension);
  const rows = breakdown.data?.rows;
  const metric = view.metric;
  const def = METRICS[metric];
  const sorted = useMemo(() => [...(rows ?? [])].sort((a, b) => (a.values[metric] ?? 0) - (b.values[metric] ?? 0)), [rows, metric]);
  const labels = useMemo(() => sorted.map((r) => (dimension === 'channel' ? channelName(r.key) : platformName(r.key))), [sorted, dimension]);
  const option = useMemo<ChartOption>(() => {
    return {
      // containLabel keeps long names inside the card; labels wider than 120 px are cut with an ellipsis.
      grid: { left: 8, right: 72, top: 10, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        // The display name, the raw id beside it (what the data and exports call it), and the value.
        formatter: (params: unknown) => {
          const [p] = params as { dataIndex: number; marker: string; value: unknown }[];
          const row = p ? sorted[p.dataIndex] : undefined;
          if (!p || !row) return '';
          const value = formatByUnit(typeof p.value === 'number' ? p.value : null, def.unit);
          return `${escapeHtml(labels[p.dataIndex] ?? row.key)} <span style="opacity:.7">(${escapeHtml(row.key)})</span><br/>${p.marker}${escapeHtml(def.label)}: <b>${value}</b>`;
        },
      },
      xAxis: { type: 'value', axisLabel: { hideOverlap: true, formatter: (v: number) => formatByUnit(v, def.unit, { compact: true }) } },
      yAxis: {
        type: 'category',
        data: labels,
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
  }, [sorted, labels, metric, def]);
  const title = `${def.label} by ${dimension}`;
  return (
    // data-labels: the category names the canvas draws, in order (a canvas has no text a test can read).
    <div className="card" data-testid={`breakdown-${dimension}-card`} data-labels={labels.join('|')}>
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
