import { useMemo } from 'react';
import { api } from '../../api/client';
import type { MeshworkApi } from '../../../../shared/ipc/contract';
import { formatCount, formatPercent } from '../../../../shared/format';
import { Chart, type ChartOption } from '../../ui/Chart';
import { ErrorState } from '../../ui/States';
import { useLiveRun } from '../analysis/use-live-run';
import { pathName } from '../../../../shared/display-names';
import { AllPathsReport } from './AllPathsReport';

/** The touches histogram's last bucket holds this many touches or more (conversion-paths.ts). */
const MAX_TOUCH_BUCKET = 15;

/** Every how many bars a histogram labels its axis: 5 up to 40 bars, then a multiple of 5 giving about eight labels. */
function labelStep(bars: number): number {
  return Math.max(5, Math.ceil(bars / 8 / 5) * 5);
}

function histogramTooltip(items: unknown, unit: string): string {
  const first = (Array.isArray(items) ? items[0] : items) as { name?: string; value?: number } | undefined;
  if (!first) return '';
  const name = first.name ?? '';
  const label = name.endsWith(unit) || name.includes('or more') ? name : `${name} ${unit}`;
  return `${label}: ${formatCount(first.value ?? 0)} conversions`;
}

type Input = Omit<Parameters<MeshworkApi['analysis']['attributionPaths']>[0], 'top'>;

/** The top conversion paths with their conversion rate, and how many touches and days journeys take. */
export function PathsPanel({ input }: { input: Input | null }) {
  const key = JSON.stringify(input);
  const { result, error } = useLiveRun(input, key, (i) => api.analysis.attributionPaths({ ...i, top: 12 }), 400);
  const histogram = (title: string, labels: string[], values: number[], unit: string): ChartOption => ({
    title: { text: title, left: 'center', textStyle: { fontSize: 13 } },
    grid: { left: 50, right: 16, top: 36, bottom: 30, containLabel: true },
    tooltip: { trigger: 'axis', formatter: (items: unknown) => histogramTooltip(items, unit) },
    // About eight labels on a multiple of 5, and always the last (the open-ended bucket), so labels never overlap.
    xAxis: {
      type: 'category',
      data: labels,
      axisLabel: {
        interval: (i: number) => i === labels.length - 1 || (i % labelStep(labels.length) === 0 && i < labels.length - labelStep(labels.length) / 2),
      },
    },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', name: 'Conversions', data: values }],
  });
  const touches = useMemo(
    () =>
      histogram(
        'Touches to conversion',
        (result?.touches ?? []).map((t) => (t.touches >= MAX_TOUCH_BUCKET ? `${MAX_TOUCH_BUCKET} or more touches` : String(t.touches))),
        (result?.touches ?? []).map((t) => t.conversions),
        'touches',
      ),
    [result],
  );
  const days = useMemo(
    () =>
      histogram(
        'Days from first touch to conversion',
        (result?.days ?? []).map((d) => String(d.days)),
        (result?.days ?? []).map((d) => d.conversions),
        'days',
      ),
    [result],
  );
  if (error) return <ErrorState title="Conversion paths could not be computed" message={error.message} />;
  return (
    <div className="card" data-testid="paths">
      <h2>Conversion paths</h2>
      {!result ? (
        <div className="skeleton" style={{ height: 200 }} />
      ) : (
        <div className="grid-2">
          <table className="table" data-testid="paths-table">
            <thead>
              <tr>
                <th>Top 12 paths (repeats collapsed)</th>
                <th>Conversions</th>
                <th>Conversion rate</th>
              </tr>
            </thead>
            <tbody>
              {result.paths.map((p) => (
                <tr key={p.path}>
                  <td title={pathName(p.path)}>
                    <span className="attr-path-cell">{pathName(p.path)}</span>
                  </td>
                  <td>{formatCount(p.conversions)}</td>
                  <td title={`${formatCount(p.non_converting)} journeys on this path did not convert`}>{formatPercent(p.conversion_rate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div>
            <Chart option={touches} title="Touches to conversion" testId="touches-chart" height={200} />
            <Chart option={days} title="Days to conversion" testId="days-chart" height={200} />
          </div>
        </div>
      )}
      {input && <AllPathsReport input={input} />}
    </div>
  );
}
