import { Chart } from '../../ui/Chart';
import { useUiStore } from '../../stores/ui-store';
import { metricLabel, metricUnit, type MetricSpec } from './experiment-spec';
import { forestOption, plottable, type ForestRow } from './forest';
import type { ReadoutContext } from './readout';
import { readMetric, type MetricResult } from './ResultCard';

/** Every (metric, variant) interval on one relative-lift axis, coloured by what it means. */
export function ForestPanel({
  metrics,
  results,
  ctx,
}: {
  metrics: MetricSpec[];
  results: MetricResult[];
  ctx: Omit<ReadoutContext, 'metricLabel' | 'unit' | 'inverse'>;
}) {
  const dark = useUiStore((s) => s.theme) === 'dark';
  const rows: ForestRow[] = results.flatMap((m) => {
    const spec = metrics.find((x) => x.name === m.name);
    const readings = readMetric({ ...ctx, metricLabel: metricLabel(m.name), unit: metricUnit(spec), inverse: spec?.inverse === true }, m.variants);
    return [...readings.entries()].map(([variant, reading]) => ({ label: `${metricLabel(m.name)} · ${variant}`, reading }));
  });
  const shown = plottable(rows);
  const left = rows.filter((r) => !shown.includes(r));
  if (rows.length === 0) return null;
  return (
    <div
      className="card"
      data-testid="exp-forest"
      data-points={JSON.stringify(
        shown.map((r) => ({ label: r.label, interval: r.reading.interval, estimate: r.reading.estimate, verdict: r.reading.verdict })),
      )}
    >
      <h2>Lift by metric and variant</h2>
      <p className="muted small">
        {ctx.engine === 'bayesian'
          ? `${Math.round((1 - ctx.alpha) * 1000) / 10}% credible intervals`
          : `${Math.round((1 - ctx.alpha) * 1000) / 10}% ${ctx.engine === 'sequential' ? 'always-valid ' : ''}confidence intervals`}{' '}
        of the relative lift over control. Green: a clear improvement; orange: a clear deterioration (for lower-is-better metrics a fall is the improvement);
        grey: no clear difference (the interval crosses the dashed zero line).
      </p>
      {shown.length > 0 && <Chart option={forestOption(rows, dark)} title="Relative lift" testId="exp-forest-chart" height={60 + 34 * shown.length} />}
      {left.length > 0 && <p className="muted small">Not plotted (no relative interval): {left.map((r) => r.label).join(', ')}.</p>}
    </div>
  );
}
