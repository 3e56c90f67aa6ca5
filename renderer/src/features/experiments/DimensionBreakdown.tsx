import { useMemo, useState } from 'react';
import { formatCount, formatPValue } from '../../../../shared/format';
import { Chart } from '../../ui/Chart';
import { useUiStore } from '../../stores/ui-store';
import { metricLabel, metricUnit, type MetricSpec } from './experiment-spec';
import { forestOption, type ForestRow } from './forest';
import { formatEffect, plainError, readVariant, type ReadoutContext, type VariantResult } from './readout';
import type { MetricResult } from './ResultCard';

export interface DimensionGroup {
  value: unknown;
  srm: { p_value: number; flag: boolean; counts: Record<string, number> };
  metrics: MetricResult[];
}

/** The result again per value of a customers column: a table and a small forest for one metric. */
export function DimensionBreakdown({
  columns,
  dimension,
  onDimension,
  groups,
  metrics,
  ctx,
  running,
  error,
}: {
  columns: string[];
  dimension: string | undefined;
  onDimension: (column: string | undefined) => void;
  groups: DimensionGroup[] | null;
  metrics: MetricSpec[];
  ctx: Omit<ReadoutContext, 'metricLabel' | 'unit' | 'inverse'>;
  running: boolean;
  error: string | null;
}) {
  const dark = useUiStore((s) => s.theme) === 'dark';
  const [metricName, setMetricName] = useState<string | undefined>(undefined);
  const metric = metrics.find((m) => m.name === metricName) ?? metrics[0];
  const rows = useMemo(() => {
    if (!groups || !metric) return [];
    const full: ReadoutContext = { ...ctx, metricLabel: metricLabel(metric.name), unit: metricUnit(metric), inverse: metric.inverse === true };
    return groups.flatMap((g) => {
      const variants: VariantResult[] = g.metrics.find((m) => m.name === metric.name)?.variants ?? [];
      const control = variants[0];
      if (!control) return [];
      return variants.slice(1).map((t) => ({
        group: g,
        variant: t.variant,
        users: variants.reduce((s, v) => s + v.users, 0),
        error: t.error,
        reading: readVariant(full, control, t),
      }));
    });
  }, [groups, metric, ctx]);
  const forest: ForestRow[] = rows.map((r) => ({ label: `${String(r.group.value)} · ${r.variant}`, reading: r.reading }));
  const unit = metric ? metricUnit(metric) : 'decimal';
  return (
    <div className="card" data-testid="exp-dimension">
      <div className="exp-metric-head">
        <h2>Breakdown</h2>
        <div className="exp-toggles">
          <label className="field-inline">
            By
            <select value={dimension ?? ''} data-testid="exp-dimension-column" onChange={(e) => onDimension(e.target.value || undefined)}>
              <option value="">(no breakdown)</option>
              {columns.map((c) => (
                <option key={c} value={c}>
                  {c.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          </label>
          {dimension && (
            <label className="field-inline">
              Metric
              <select value={metric?.name ?? ''} data-testid="exp-dimension-metric" onChange={(e) => setMetricName(e.target.value)}>
                {metrics.map((m) => (
                  <option key={m.name} value={m.name}>
                    {metricLabel(m.name)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      </div>
      {!dimension && (
        <p className="muted small">
          Pick a Customer 360 column to read the experiment per value (the 20 largest values, the rest together as "(other)"). Differences between values are
          hypotheses to test, not findings: each value is a smaller sample.
        </p>
      )}
      {dimension && running && !groups && <div className="skeleton" style={{ height: 120 }} />}
      {dimension && error && (
        <p className="muted small" role="alert">
          {error}
        </p>
      )}
      {dimension && groups && (
        <>
          <div className="table-scroll">
            <table className="table numeric" data-testid="exp-dimension-table">
              <thead>
                <tr>
                  <th>{dimension.replace(/_/g, ' ')}</th>
                  <th>Variant</th>
                  <th>Users</th>
                  <th>Lift</th>
                  <th>Interval</th>
                  <th>{ctx.engine === 'bayesian' ? 'Chance to win' : 'p-value'}</th>
                  <th>Split</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${String(r.group.value)}-${r.variant}`} data-verdict={r.reading.verdict}>
                    <td>{String(r.group.value)}</td>
                    <td>{r.variant}</td>
                    <td>{formatCount(r.users)}</td>
                    <td className={`exp-verdict-${r.reading.verdict}`}>
                      {r.reading.scale ? formatEffect(r.reading.estimate, r.reading.scale, unit) : 'no test'}
                    </td>
                    <td className={r.reading.interval ? undefined : 'muted small'}>
                      {r.reading.interval && r.reading.scale
                        ? `${formatEffect(r.reading.interval[0], r.reading.scale, unit)} to ${formatEffect(r.reading.interval[1], r.reading.scale, unit)}`
                        : plainError(r.error ?? 'no test was run')}
                    </td>
                    <td>{r.reading.chanceToWin !== null ? `${Math.round(r.reading.chanceToWin * 1000) / 10}%` : formatPValue(r.reading.pValue)}</td>
                    <td>{r.group.srm.flag ? <span className="badge badge-bad">mismatch</span> : 'ok'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {forest.length > 0 && (
            <Chart
              option={forestOption(forest, dark)}
              title={`${metric ? metricLabel(metric.name) : ''} by ${dimension}`}
              testId="exp-dimension-forest"
              height={50 + 28 * forest.length}
            />
          )}
        </>
      )}
    </div>
  );
}
