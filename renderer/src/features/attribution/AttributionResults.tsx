import { useMemo, useState } from 'react';
import type { AttributionOutput } from '../../../../shared/specs/attribution-spec';
import { formatCount, formatCurrency, formatDecimal, formatPercent } from '../../../../shared/format';
import { Chart, type ChartOption } from '../../ui/Chart';
import { exportTable } from '../../ui/export-table';
import { EmptyState } from '../../ui/States';
import { attributionExportTable } from './attribution-export';
import { MODEL_INFO } from './model-info';
import { channelName } from '../../../../shared/display-names';
import { creditRows } from './attribution-rows';
import { CostTable } from './CostTable';

/** Axis labels longer than this are cut with an ellipsis; the tooltip shows the whole name. */
const AXIS_LABEL_WIDTH = 96;

export function modelLabel(m: AttributionOutput['models'][number]): string {
  const base = MODEL_INFO[m.model]?.label ?? m.model;
  if (m.model === 'time_decay') return `${base} (${m.params.half_life_days} d)`;
  if (m.model === 'markov') return `${base.replace(' (data-driven)', '')} order ${m.params.order}`;
  if (m.model === 'position_based') return `${base} ${Math.round((m.params.first_weight ?? 0) * 100)}/${Math.round((m.params.last_weight ?? 0) * 100)}`;
  return base;
}

interface Props {
  result: AttributionOutput;
  /** The channel whose campaigns are shown, or null for all channels. */
  drilledChannel: string | null;
  onDrill: (channel: string | null) => void;
  onOpenCatalog: () => void;
}

/**
 * The models side by side: grouped bars per channel, a table of shares and moves vs last touch
 * (click a channel for its campaigns), and spend with each model's CPA and ROAS.
 */
export function AttributionResults({ result, drilledChannel, onDrill, onOpenCatalog }: Props) {
  const [measure, setMeasure] = useState<'conversions' | 'revenue'>('conversions');
  const rows = useMemo(() => creditRows(result), [result]);
  const channels = useMemo(() => rows.map((r) => r.key), [rows]);
  const option = useMemo<ChartOption>(
    () => ({
      // The legend sits under the chart and scrolls: eight models never cover the y axis.
      legend: { bottom: 0, type: 'scroll' },
      grid: { left: 16, right: 20, top: 36, bottom: 40, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: unknown) => (measure === 'revenue' ? formatCurrency(v as number) : formatDecimal(v as number)),
      },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.label),
        axisLabel: { rotate: 30, interval: 0, width: AXIS_LABEL_WIDTH, overflow: 'truncate' },
        axisTick: { alignWithLabel: true },
      },
      yAxis: {
        type: 'value',
        name: measure === 'revenue' ? 'Revenue' : 'Conversions',
        nameTextStyle: { align: 'left' },
        axisLabel: { formatter: (v: number) => (measure === 'revenue' ? formatCurrency(v, { compact: true }) : formatCount(v, { compact: true })) },
      },
      series: result.models.map((m) => ({
        name: modelLabel(m),
        type: 'bar',
        data: rows.map((r) => m.channels.find((c) => c.channel === r.key)?.[measure] ?? 0),
      })),
    }),
    [result, rows, measure],
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
        <h2 data-testid="attr-total" data-conversions={result.conversions} data-revenue={result.revenue}>
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
      {drilledChannel !== null && (
        <nav className="attr-crumbs" aria-label="Drill-down" data-testid="attr-crumbs">
          <button type="button" className="attr-link" onClick={() => onDrill(null)} data-testid="attr-crumb-all">
            All channels
          </button>
          <span aria-hidden="true"> › </span>
          <strong data-testid="attr-crumb-channel">{channelName(drilledChannel)}</strong>
          <span className="muted small"> by campaign: the other channels keep their credit.</span>
        </nav>
      )}
      {drilledChannel !== null && rows.length === 0 && (
        <EmptyState title={`No ${channelName(drilledChannel)} touches are on these conversions' paths.`} testId="attr-drill-empty" />
      )}
      <Chart
        option={option}
        title={`Attribution by ${drilledChannel === null ? 'channel' : 'campaign'} (${measure})`}
        testId="attribution-chart"
        height={340}
      />
      <div className="table-scroll">
        <table className="table numeric" data-testid="attribution-table">
          <thead>
            <tr>
              <th>{drilledChannel === null ? 'Channel' : 'Campaign'}</th>
              {result.models.map((m, i) => (
                <th key={i}>{modelLabel(m)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key: ch, label, drillable }) => (
              <tr key={ch} className={movers.has(ch) ? 'mover' : undefined} data-testid={`attr-row-${ch}`}>
                <td>
                  {drillable ? (
                    <button
                      type="button"
                      className="attr-link"
                      title={`See ${label} by campaign (${ch})`}
                      onClick={() => onDrill(ch)}
                      data-testid={`attr-drill-${ch}`}
                    >
                      {label}
                    </button>
                  ) : (
                    <span title={ch}>{label}</span>
                  )}{' '}
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
      <p className="muted small">
        Each cell: credited {measure}, its share of the total and, in brackets, the change in share against last touch.
        {drilledChannel === null && ' Click a channel to see its campaigns.'}
      </p>
      <CostTable
        result={result}
        rows={rows}
        modelLabels={result.models.map(modelLabel)}
        rowHeading={drilledChannel === null ? 'Channel' : 'Campaign'}
        onOpenCatalog={onOpenCatalog}
      />
    </div>
  );
}
