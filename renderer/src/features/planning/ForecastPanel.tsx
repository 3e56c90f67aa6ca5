import { useMemo, useState } from 'react';
import type { SeriesForecast } from '../../../../shared/analysis/forecast/run-forecast';
import { channelName } from '../../../../shared/display-names';
import { formatCurrency, formatDate, formatDecimal, formatPercent } from '../../../../shared/format';
import { useApiQuery } from '../../api/queries';
import { Chart, type ChartOption } from '../../ui/Chart';
import { ErrorState, LoadingBlock } from '../../ui/States';

type Measure = 'spend' | 'conversions' | 'revenue';
const MEASURES: { id: Measure; label: string }[] = [
  { id: 'spend', label: 'Spend' },
  { id: 'conversions', label: 'Conversions' },
  { id: 'revenue', label: 'Revenue' },
];

function valueText(measure: Measure, v: number | null): string {
  return measure === 'conversions' ? formatDecimal(v) : formatCurrency(v);
}

/** The backtest in words: how far off the same method was on the last weeks it did not see. */
export function backtestWords(s: SeriesForecast, level: number): string {
  const b = s.backtest;
  if (b === null) return 'Not backtested: too few weeks of data.';
  const inside = Math.round(b.coverage * b.weeks);
  const off = b.mape === null ? 'every held-out week was 0' : `off by ${formatPercent(b.mape)} on average`;
  return `Backtest on the last ${b.weeks} weeks held out: ${off}, ${inside} of ${b.weeks} weeks inside the ${formatPercent(level)} interval.`;
}

/** Next 4 to 12 weeks per channel, with prediction interval bands and the backtest error. */
export function ForecastPanel({ channels }: { channels: string[] }) {
  const [horizon, setHorizon] = useState(8);
  const [measure, setMeasure] = useState<Measure>('revenue');
  const [picked, setPicked] = useState<string | null>(null);
  const query = useApiQuery('planning', 'forecast', { horizon }, { enabled: channels.length > 0 });
  const data = query.data;
  const channel = picked ?? data?.channels[0]?.channel ?? null;
  const series = data?.channels.find((c) => c.channel === channel)?.[measure] ?? null;
  const option = useMemo<ChartOption | null>(() => {
    if (!series) return null;
    const weeks = series.points.map((p) => p.week);
    return {
      grid: { left: 60, right: 24, top: 30, bottom: 40, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => valueText(measure, v as number) },
      legend: { top: 0, data: ['Forecast', `${formatPercent(data?.level ?? 0.95)} interval`] },
      xAxis: { type: 'category', data: weeks, axisLabel: { formatter: (w: string) => formatDate(w) } },
      yAxis: { type: 'value', name: MEASURES.find((m) => m.id === measure)?.label },
      series: [
        {
          name: 'lower',
          type: 'line',
          data: series.points.map((p) => p.lo),
          stack: 'band',
          lineStyle: { opacity: 0 },
          showSymbol: false,
          tooltip: { show: false },
        },
        {
          name: `${formatPercent(data?.level ?? 0.95)} interval`,
          type: 'line',
          data: series.points.map((p) => p.hi - p.lo),
          stack: 'band',
          lineStyle: { opacity: 0 },
          areaStyle: { color: 'rgba(0, 114, 178, 0.18)' },
          itemStyle: { color: 'rgba(0, 114, 178, 0.35)' },
          showSymbol: false,
          tooltip: { show: false },
        },
        { name: 'Forecast', type: 'line', data: series.points.map((p) => p.mean), lineStyle: { color: '#0072B2', width: 2 }, itemStyle: { color: '#0072B2' } },
      ],
    };
  }, [series, measure, data?.level]);

  return (
    <div className="card" data-testid="plan-forecast">
      <div className="card-head">
        <h2>Forecast by channel</h2>
        <div className="row">
          <label className="slider plan-horizon">
            <span>
              Weeks ahead: <strong data-testid="plan-horizon-value">{horizon}</strong>
            </span>
            <input
              type="range"
              min={4}
              max={12}
              step={1}
              value={horizon}
              onChange={(e) => setHorizon(Number(e.target.value))}
              aria-label="Weeks ahead"
              data-testid="plan-horizon"
            />
          </label>
          <select aria-label="Channel" value={channel ?? ''} onChange={(e) => setPicked(e.target.value)} data-testid="plan-forecast-channel">
            {(data?.channels ?? []).map((c) => (
              <option key={c.channel} value={c.channel}>
                {channelName(c.channel)}
              </option>
            ))}
          </select>
          <div className="segmented" role="group" aria-label="Measure">
            {MEASURES.map((m) => (
              <button
                key={m.id}
                type="button"
                className={measure === m.id ? 'btn btn-primary' : 'btn'}
                onClick={() => setMeasure(m.id)}
                data-testid={`plan-forecast-${m.id}`}
              >
                {m.label}
              </button>
            ))}
          </div>
        </div>
      </div>
      {query.isPending && <LoadingBlock label="Forecasting…" height={240} />}
      {query.error && <ErrorState title="No forecast" message={query.error.message} />}
      {data && option && series && channel && (
        <>
          <p className="muted small">
            {channelName(channel)}, weeks after {formatDate(data.last_week)} (the last complete week).{' '}
            <span data-testid="plan-backtest">{backtestWords(series, data.level)}</span>
          </p>
          <Chart option={option} title={`Forecast of ${channelName(channel)} ${measure}`} testId="plan-forecast-chart" height={260} />
          <div className="table-scroll">
            <table className="table numeric" data-testid="plan-forecast-table">
              <thead>
                <tr>
                  <th>Channel</th>
                  <th>
                    Next {horizon} weeks ({measure})
                  </th>
                  <th>Per week, first / last</th>
                  <th>Backtest error</th>
                </tr>
              </thead>
              <tbody>
                {data.channels.map((c) => {
                  const s = c[measure];
                  const sum = s.points.reduce((a, p) => a + p.mean, 0);
                  const first = s.points[0];
                  const last = s.points[s.points.length - 1];
                  return (
                    <tr key={c.channel} data-testid={`plan-forecast-row-${c.channel}`}>
                      <td>{channelName(c.channel)}</td>
                      <td>{valueText(measure, sum)}</td>
                      <td>
                        {valueText(measure, first?.mean ?? null)} ({valueText(measure, first?.lo ?? null)}–{valueText(measure, first?.hi ?? null)}) /{' '}
                        {valueText(measure, last?.mean ?? null)} ({valueText(measure, last?.lo ?? null)}–{valueText(measure, last?.hi ?? null)})
                      </td>
                      <td>{s.backtest?.mape != null ? `${formatPercent(s.backtest.mape)} MAPE` : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="muted small">
            Damped-trend exponential smoothing per series. Spend that follows a flighting plan (pulses, dark weeks) is not smooth, so its forecast is only the
            recent level: for planned flights, the media plan is the forecast.
          </p>
        </>
      )}
    </div>
  );
}
