import { useMemo } from 'react';
import { formatByUnit, formatDecimal, formatPValue, formatSignedPercent } from '../../../../shared/format';
import { Chart, type ChartOption } from '../../ui/Chart';
import { readout, type VariantResult } from './readout';

/** One metric: each variant's mean, lift with CI (a forest plot), p-value and a readout sentence. */
export function ResultCard({ name, unit, variants, alpha, varianceReduction, blocked }: { name: string; unit: 'percent' | 'currency'; variants: VariantResult[]; alpha: number; varianceReduction: number | null; blocked: boolean }) {
  const control = variants[0]!;
  const treatments = variants.slice(1);
  const forest = useMemo<ChartOption>(() => {
    const labels = treatments.map((t) => t.variant);
    return {
      grid: { left: 100, right: 30, top: 10, bottom: 30 },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatSignedPercent(v) } },
      yAxis: { type: 'category', data: labels },
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'custom',
          renderItem: (_params: unknown, api: { value: (i: number) => number; coord: (p: [number, number]) => [number, number] }) => {
            const lo = api.coord([api.value(1), api.value(0)]);
            const hi = api.coord([api.value(2), api.value(0)]);
            return { type: 'group', children: [
              { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: { stroke: '#0072B2', lineWidth: 3 } },
              { type: 'line', shape: { x1: lo[0], y1: lo[1] - 6, x2: lo[0], y2: lo[1] + 6 }, style: { stroke: '#0072B2', lineWidth: 2 } },
              { type: 'line', shape: { x1: hi[0], y1: hi[1] - 6, x2: hi[0], y2: hi[1] + 6 }, style: { stroke: '#0072B2', lineWidth: 2 } },
            ] };
          },
          encode: { x: [1, 2], y: 0 },
          data: treatments.map((t, i) => [i, t.rel_lift_ci?.[0] ?? 0, t.rel_lift_ci?.[1] ?? 0]),
          markLine: { silent: true, symbol: 'none', data: [{ xAxis: 0 }], lineStyle: { color: '#999', type: 'dashed' } },
        },
        { type: 'scatter', symbolSize: 12, data: treatments.map((t, i) => [t.rel_lift ?? 0, i]), itemStyle: { color: '#D55E00' }, tooltip: { formatter: (p: { data: number[] }) => `Relative lift ${formatSignedPercent(p.data[0])}` } },
      ],
    };
  }, [treatments]);
  return (
    <div className="card" data-testid={`exp-metric-${name}`}>
      <h2>{name.replace(/_/g, ' ')}</h2>
      {!blocked && treatments.map((t) => <p key={t.variant} className="readout" data-testid={`exp-readout-${name}-${t.variant}`}>{readout(name.replace(/_/g, ' '), unit, control, t, alpha)}</p>)}
      <table className="table numeric" data-testid={`exp-table-${name}`}>
        <thead>
          <tr><th>Variant</th><th>Users</th><th>Mean</th><th>Difference</th><th>{Math.round((1 - alpha) * 100)}% CI</th><th>Relative lift</th><th>Lift CI</th><th>p-value</th></tr>
        </thead>
        <tbody>
          {variants.map((v) => (
            <tr key={v.variant} data-testid={`exp-row-${name}-${v.variant}`} data-diff={v.diff ?? ''} data-ci={v.diff_ci ? v.diff_ci.join(',') : ''} data-lift={v.rel_lift ?? ''} data-lift-ci={v.rel_lift_ci ? v.rel_lift_ci.join(',') : ''} data-p={v.p_value ?? ''}>
              <td>{v.variant}{v === control && <span className="badge">control</span>}</td>
              <td>{v.users.toLocaleString('en-US')}</td>
              <td>{formatByUnit(v.mean, unit)}</td>
              <td>{v.diff === undefined ? '' : formatDecimal(v.diff, true)}</td>
              <td>{v.diff_ci ? `${formatDecimal(v.diff_ci[0], true)} to ${formatDecimal(v.diff_ci[1], true)}` : ''}</td>
              <td>{v === control ? '' : formatSignedPercent(v.rel_lift)}</td>
              <td>{v.rel_lift_ci ? `${formatSignedPercent(v.rel_lift_ci[0])} to ${formatSignedPercent(v.rel_lift_ci[1])}` : ''}</td>
              <td>{v.p_value === undefined || v.p_value === null ? '' : formatPValue(v.p_value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {varianceReduction !== null && <p className="muted small" data-testid={`exp-cuped-${name}`}>CUPED reduced the variance of the lift estimate by {formatSignedPercent(-varianceReduction).replace('-', '')}.</p>}
      {!blocked && treatments.length > 0 && <Chart option={forest} title={`${name} relative lift`} testId={`exp-forest-${name}`} height={60 + 40 * treatments.length} />}
    </div>
  );
}
