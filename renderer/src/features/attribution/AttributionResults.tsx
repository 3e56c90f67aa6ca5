import { useMemo, useState } from 'react';
import type { AttributionOutput } from '../../../../shared/specs/attribution-spec';
import { formatCount, formatCurrency, formatDecimal, formatPercent } from '../../../../shared/format';
import { Chart, type ChartOption } from '../../ui/Chart';
import { exportTable } from '../../ui/export-table';
import { attributionExportTable } from './attribution-export';
import { MODEL_INFO } from './model-info';
import { channelName } from '../../../../shared/display-names';

export function modelLabel(m: AttributionOutput['models'][number]): string {
  const base = MODEL_INFO[m.model]?.label ?? m.model;
  if (m.model === 'time_decay') return `${base} (${m.params.half_life_days} d)`;
  if (m.model === 'markov') return `${base.replace(' (data-driven)', '')} order ${m.params.order}`;
  if (m.model === 'position_based') return `${base} ${Math.round((m.params.first_weight ?? 0) * 100)}/${Math.round((m.params.last_weight ?? 0) * 100)}`;
  return base;
}

/** The models side by side: grouped bars per channel, and a table of shares and moves vs last touch. */
export function AttributionResults({ result }: { result: AttributionOutput }) {
  const [measure, setMeasure] = useState<'conversions' | 'revenue'>('conversions');
  const channels = useMemo(() => result.models[0]?.channels.map((c) => c.channel) ?? [], [result]);
  const option = useMemo<ChartOption>(
    () => ({
      legend: { top: 0, type: 'scroll' },
      grid: { left: 60, right: 20, top: 48, bottom: 60, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: unknown) => (measure === 'revenue' ? formatCurrency(v as number) : formatDecimal(v as number)),
      },
      xAxis: { type: 'category', data: channels.map(channelName), axisLabel: { rotate: 30, hideOverlap: true } },
      yAxis: { type: 'value', name: measure === 'revenue' ? 'Revenue' : 'Conversions' },
      series: result.models.map((m) => ({ name: modelLabel(m), type: 'bar', data: m.channels.map((c) => c[measure]) })),
    }),
    [result, channels, measure],
  );
  const total = measure === 'revenue' ? result.revenue : result.conversions;
  const lastTouch = result.models.find((m) => m.model === 'last_touch');
  // The channels whose share moves most between models are highlighted.
  const spread = new Map(
    channels.map((ch) => {
      const shares = result.models.map((m) => (m.channels.find((c) => c.channel === ch)?.[measure] ?? 0) / (total || 1));
      return [ch, Math.max(...shares) - Math.min(...shares)];
    }),
  );
  const movers = new Set(
    [...spread.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 2)
      .filter(([, v]) => v > 0.02)
      .map(([c]) => c),
  );

  // CSV and Parquet come from one table: the same columns, rows and totals row.
  const exportAs = (format: 'csv' | 'parquet') => void exportTable(attributionExportTable(result, modelLabel), `attribution-${result.conversion_type}`, format);

  return (
    <div className="card" data-testid="attribution-results">
      <div className="card-head">
        <h2>
          Credit for {formatCount(result.conversions)} {result.conversion_type} conversions ({formatCurrency(result.revenue)})
        </h2>
        <div className="row">
          <div className="segmented" role="group" aria-label="Measure">
            <button type="button" className={measure === 'conversions' ? 'btn btn-primary' : 'btn'} onClick={() => setMeasure('conversions')}>
              Conversions
            </button>
            <button
              type="button"
              className={measure === 'revenue' ? 'btn btn-primary' : 'btn'}
              onClick={() => setMeasure('revenue')}
              data-testid="attr-measure-revenue"
            >
              Revenue
            </button>
          </div>
          <button type="button" className="btn" onClick={() => exportAs('csv')} data-testid="attr-export-csv">
            Export CSV
          </button>
          <button type="button" className="btn" onClick={() => exportAs('parquet')} data-testid="attr-export-parquet">
            Export Parquet
          </button>
        </div>
      </div>
      <Chart option={option} title={`Attribution by channel (${measure})`} testId="attribution-chart" height={340} />
      <div className="table-scroll">
        <table className="table numeric" data-testid="attribution-table">
          <thead>
            <tr>
              <th>Channel</th>
              {result.models.map((m, i) => (
                <th key={i}>{modelLabel(m)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {channels.map((ch) => (
              <tr key={ch} className={movers.has(ch) ? 'mover' : undefined} data-testid={`attr-row-${ch}`}>
                <td>
                  <span title={ch}>{channelName(ch)}</span>{' '}
                  {movers.has(ch) && (
                    <span className="badge badge-warn" title="Its credit moves most between models">
                      moves most
                    </span>
                  )}
                </td>
                {result.models.map((m, i) => {
                  const value = m.channels.find((c) => c.channel === ch)?.[measure] ?? 0;
                  const base = lastTouch?.channels.find((c) => c.channel === ch)?.[measure] ?? 0;
                  const diff = (value - base) / (total || 1);
                  return (
                    <td key={i} data-testid={`attr-cell-${ch}-${i}`} data-value={value}>
                      <div>{measure === 'revenue' ? formatCurrency(value) : formatDecimal(value)}</div>
                      <div className="muted small">
                        {formatPercent(value / (total || 1))}
                        {lastTouch && m.model !== 'last_touch' && ` (${diff >= 0 ? '+' : ''}${(diff * 100).toFixed(1)} pts)`}
                      </div>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">Each cell: credited {measure}, its share of the total and, in brackets, the change in share against last touch.</p>
    </div>
  );
}
