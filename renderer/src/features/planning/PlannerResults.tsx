import { useMemo } from 'react';
import type { BudgetResult } from '../../../../shared/analysis/budget/run-budget';
import { mediaWeekly } from '../../../../shared/analysis/budget/plan-curves';
import { channelName } from '../../../../shared/display-names';
import { formatCount, formatCurrency, formatDecimal, formatPercent, formatRatio, formatSignedPercent } from '../../../../shared/format';
import { Chart, PALETTE, type ChartOption } from '../../ui/Chart';

export function metricText(result: Pick<BudgetResult, 'metric'>, value: number | null): string {
  return result.metric === 'revenue' ? formatCurrency(value) : formatDecimal(value);
}

/** Plain words for a fit's holdout quality (r2 and MAPE on the last 20% of complete weeks). */
function fitWords(fit: BudgetResult['channels'][number]['fit']): string {
  if (fit.r2 === null && fit.mape === null) return 'not scored (too few weeks)';
  // A small error with an R² near or below 0 means the curve tracks the level but none of the
  // week-to-week movement: not a good fit, whatever the MAPE says.
  const r2ok = (min: number) => fit.r2 === null || fit.r2 >= min;
  const grade = fit.mape === null ? '' : fit.mape <= 0.1 && r2ok(0.5) ? 'good: ' : fit.mape <= 0.25 && r2ok(0) ? 'fair: ' : 'poor: ';
  const mape = fit.mape === null ? '' : `${formatPercent(fit.mape)} off, `;
  const r2 = fit.r2 === null ? 'R² n/a' : `R² ${formatDecimal(fit.r2)}`;
  return `${grade}${mape}${r2}`;
}

/** Response curves with current and recommended points, the spend table, the lift and each fit. */
export function PlannerResults({ result }: { result: BudgetResult }) {
  const option = useMemo<ChartOption>(() => {
    const color = (i: number) => PALETTE[i % PALETTE.length] as string;
    return {
      legend: { top: 0, type: 'scroll', data: result.channels.map((c) => channelName(c.channel)) },
      grid: { left: 60, right: 24, top: 40, bottom: 40, containLabel: true },
      tooltip: { trigger: 'item', valueFormatter: (v: unknown) => metricText(result, v as number) },
      xAxis: {
        type: 'value',
        name: 'Weekly spend',
        nameLocation: 'middle',
        nameGap: 28,
        axisLabel: { formatter: (v: number) => formatCurrency(v, { compact: true }) },
      },
      yAxis: {
        type: 'value',
        name: `Weekly ${result.metric} from media`,
        axisLabel: { formatter: (v: number) => (result.metric === 'revenue' ? formatCurrency(v, { compact: true }) : formatCount(v, { compact: true })) },
      },
      series: result.channels.flatMap((c, i) => [
        {
          name: channelName(c.channel),
          type: 'line',
          smooth: true,
          showSymbol: false,
          data: c.curve,
          lineStyle: { color: color(i), width: 2 },
          itemStyle: { color: color(i) },
        },
        {
          name: channelName(c.channel),
          type: 'scatter',
          symbolSize: 11,
          data: [
            {
              value: [c.current_weekly_spend, mediaWeekly(c.model, c.current_weekly_spend)],
              symbol: 'circle',
              itemStyle: { color: '#fff', borderColor: color(i), borderWidth: 2 },
              name: 'current',
            },
            {
              value: [c.recommended_weekly_spend, mediaWeekly(c.model, c.recommended_weekly_spend)],
              symbol: 'diamond',
              itemStyle: { color: color(i) },
              name: 'recommended',
            },
          ],
          tooltip: {
            formatter: (p: { name: string; value: [number, number] }) =>
              `${channelName(c.channel)}, ${p.name}: ${formatCurrency(p.value[0])} a week earns ${metricText(result, p.value[1])} above its baseline`,
          },
        },
      ]),
    };
  }, [result]);
  const t = result.total;
  const warned = result.channels.filter((c) => c.warnings.length > 0);
  return (
    <div className="card" data-testid="planner-results">
      <div className="card-head">
        <h2>
          Recommended split of {formatCurrency(result.budget / result.weeks)} a week over {result.weeks} weeks
        </h2>
      </div>
      <div className="plan-total" data-testid="plan-total">
        <div>
          Expected weekly {result.metric}: <strong data-testid="plan-total-current">{metricText(result, t.expected_weekly_current)}</strong> at current spend,{' '}
          <strong data-testid="plan-total-recommended">{metricText(result, t.expected_weekly_recommended)}</strong> with the recommended split.
        </div>
        <div>
          Lift: <strong data-testid="plan-lift">{metricText(result, t.lift)}</strong> a week (
          {formatPercent(t.expected_weekly_current !== 0 ? t.lift / t.expected_weekly_current : null)}), 95% interval{' '}
          <span data-testid="plan-lift-ci">
            {metricText(result, t.lift_ci[0])} to {metricText(result, t.lift_ci[1])}
          </span>
          .
        </div>
      </div>
      {warned.length > 0 && (
        <div className="banner banner-warn" role="status" data-testid="plan-warnings">
          {warned.map((c) => (
            <div key={c.channel}>
              <strong>{channelName(c.channel)}:</strong> {c.warnings.map((w) => w.message).join('; ')}.
            </div>
          ))}
        </div>
      )}
      <Chart option={option} title={`Response curves (${result.metric})`} testId="plan-curves-chart" height={360} />
      <p className="muted small">
        Each curve is a channel&apos;s expected weekly {result.metric} above its baseline at a steady weekly spend; circles mark current spend, diamonds the
        recommendation.
      </p>
      <div className="table-scroll">
        <table className="table numeric plan-table" data-testid="plan-table">
          <thead>
            <tr>
              <th>Channel</th>
              <th>Weekly spend now</th>
              <th>Recommended (change)</th>
              <th>Expected {result.metric} now → rec.</th>
              <th>ROI now → rec.</th>
              <th>Marginal ROI now → rec.</th>
            </tr>
          </thead>
          <tbody>
            {result.channels.map((c) => (
              <tr key={c.channel} data-testid={`plan-row-${c.channel}`} className={c.warnings.length > 0 ? 'mover' : undefined}>
                <td title={c.channel}>{channelName(c.channel)}</td>
                <td data-testid={`plan-current-${c.channel}`} data-value={c.current_weekly_spend}>
                  {formatCurrency(c.current_weekly_spend)}
                </td>
                <td data-testid={`plan-recommended-${c.channel}`} data-value={c.recommended_weekly_spend}>
                  <div>{formatCurrency(c.recommended_weekly_spend)}</div>
                  <div className="muted small">
                    {c.current_weekly_spend > 0 ? formatSignedPercent(c.recommended_weekly_spend / c.current_weekly_spend - 1) : '—'}
                  </div>
                </td>
                <td className="nowrap">
                  {metricText(result, c.expected_weekly_current)} → {metricText(result, c.expected_weekly_recommended)}
                </td>
                <td className="nowrap">
                  {formatRatio(c.roi_current)} → {formatRatio(c.roi_recommended)}
                </td>
                <td className="nowrap">
                  {formatRatio(c.marginal_roi_current)} → {formatRatio(c.marginal_roi_recommended)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 className="plan-subhead">How well each curve fits (refitted on the first 80% of weeks, scored on the last 20%)</h3>
      <ul className="plan-fits" data-testid="plan-fits">
        {result.channels.map((c) => (
          <li key={c.channel} data-testid={`plan-fit-${c.channel}`}>
            <strong>{channelName(c.channel)}</strong>: {fitWords(c.fit)}
            {c.warnings.some((w) => w.code === 'poor_identification') && <span className="badge badge-warn">poorly identified</span>}
            {c.warnings.some((w) => w.code === 'no_spend') && <span className="badge badge-warn">no spend</span>}
          </li>
        ))}
      </ul>
      <p className="muted small">
        ROI is expected weekly {result.metric} (baseline included) per unit of weekly spend; marginal ROI is what one more unit of weekly spend adds. The lift
        interval covers the uncertainty of the fitted curves, not week-to-week noise.
      </p>
    </div>
  );
}
