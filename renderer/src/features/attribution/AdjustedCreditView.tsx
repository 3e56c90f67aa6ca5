import { useMemo, useState } from 'react';
import type { CalibrationResult } from '../../../../shared/analysis/calibration/run-calibration';
import { channelName } from '../../../../shared/display-names';
import { formatDecimal } from '../../../../shared/format';
import type { AttributionOutput } from '../../../../shared/specs/attribution-spec';
import { Chart, type ChartOption } from '../../ui/Chart';
import { modelLabel } from './AttributionResults';

const STATUS: Record<string, string> = { adjusted: 'scaled by its factor', untested: 'untested: as modelled', no_factor: 'no factor: as modelled' };

/** One model's credit over the whole range beside the incrementality-adjusted credit. */
export function AdjustedCreditView({ result }: { result: CalibrationResult }) {
  const [k, setK] = useState(0);
  const model = result.models[Math.min(k, result.models.length - 1)];
  const labels = result.models.map((m) => modelLabel(m as unknown as AttributionOutput['models'][number]));
  const option = useMemo<ChartOption>(() => {
    const channels = model?.channels ?? [];
    return {
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 60, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => formatDecimal(v as number) },
      // Untested channels are marked in their axis label, so the chart says which bars were not scaled.
      xAxis: {
        type: 'category',
        data: channels.map((c) => `${channelName(c.channel)}${c.status === 'adjusted' ? '' : ' *'}`),
        // Every label, rotated and cut past 96 px (the tooltip has the whole name): none overlap or go missing.
        axisLabel: { rotate: 30, interval: 0, width: 96, overflow: 'truncate' },
      },
      yAxis: { type: 'value', name: 'Conversions' },
      series: [
        { name: 'Modelled', type: 'bar', data: channels.map((c) => c.conversions) },
        { name: 'Incrementality-adjusted', type: 'bar', data: channels.map((c) => c.adjusted_conversions) },
      ],
    };
  }, [model]);
  if (!model) return null;
  return (
    <div data-testid="calib-adjusted">
      <div className="row">
        <label className="field">
          Model
          <select value={k} onChange={(e) => setK(Number(e.target.value))} data-testid="calib-adjusted-model">
            {labels.map((l, i) => (
              <option key={i} value={i}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <span className="muted small">
          Modelled {formatDecimal(result.conversions)} conversions; adjusted {formatDecimal(model.adjusted_conversions)}. * untested or without a factor: left
          as modelled.
        </span>
      </div>
      <Chart option={option} title={`Modelled vs incrementality-adjusted credit (${labels[k] ?? ''})`} testId="calib-adjusted-chart" height={320} />
      <div className="table-scroll">
        <table className="table numeric" data-testid="calib-adjusted-table">
          <thead>
            <tr>
              <th>Channel</th>
              <th>Modelled</th>
              <th>Factor</th>
              <th>Adjusted</th>
              <th>Basis</th>
            </tr>
          </thead>
          <tbody>
            {model.channels.map((c) => (
              <tr key={c.channel} data-testid={`calib-adjusted-${c.channel}`} data-status={c.status}>
                <td>{channelName(c.channel)}</td>
                <td data-value={c.conversions}>{formatDecimal(c.conversions)}</td>
                <td>{c.factor === null ? '—' : `${c.factor.toFixed(2)}x`}</td>
                <td data-testid={`calib-adjusted-value-${c.channel}`} data-value={c.adjusted_conversions}>
                  {formatDecimal(c.adjusted_conversions)}
                </td>
                <td>{c.status === 'adjusted' ? STATUS.adjusted : <span className="badge">{STATUS[c.status]}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
