import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { formatByUnit } from '../../../../shared/format';
import { METRICS } from '../../../../shared/metrics/metrics';
import { Chart, type ChartOption } from '../../ui/Chart';
import { ErrorState } from '../../ui/States';
import { useCampaignsStore } from './campaigns-store';
import { channelName } from '../../../../shared/display-names';

type Rows = { key: string; values: Record<string, number | null> }[];

/** The chosen metric by channel or by platform. */
export function BreakdownChart({ dimension }: { dimension: 'channel' | 'platform' }) {
  const { view, revision } = useCampaignsStore();
  const [rows, setRows] = useState<Rows | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!view) return;
    let live = true;
    api.campaigns.breakdown({ filter: view.filter, dimension }).then(
      (r) => live && (setRows(r.rows), setError(null)),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [revision, view, dimension]);
  const metric = view?.metric ?? 'spend';
  const def = METRICS[metric];
  const option = useMemo<ChartOption>(() => {
    const sorted = [...(rows ?? [])].sort((a, b) => (a.values[metric] ?? 0) - (b.values[metric] ?? 0));
    return {
      grid: { left: 110, right: 80, top: 10, bottom: 30 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => formatByUnit(typeof v === 'number' ? v : null, def.unit) },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatByUnit(v, def.unit, { compact: true }) } },
      yAxis: { type: 'category', data: sorted.map((r) => (dimension === 'channel' ? channelName(r.key) : r.key)) },
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
        <h2>{title}</h2>
      </div>
      {error ? (
        <ErrorState title="The breakdown could not be computed" message={error} />
      ) : rows ? (
        <Chart option={option} title={title} testId={`breakdown-${dimension}`} height={260} />
      ) : (
        <div className="skeleton" style={{ height: 260 }} />
      )}
    </div>
  );
}
