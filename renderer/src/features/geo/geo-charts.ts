import { formatByUnit } from '../../../../shared/format';
import type { ChartOption } from '../../ui/Chart';
import type { GeoExperimentResult as GeoResult } from '../../../../shared/analysis/geo/run-geo-experiment';

const unitOf = (metric: string) => (metric === 'revenue' ? 'currency' : 'count') as 'currency' | 'count';

/**
 * A band drawn as two stacked series: an invisible lower edge and the width above it, so the
 * area between lower and upper is shaded. Days without a band are gaps ('-'). `stackStrategy:
 * 'all'` stacks across signs, so a band whose lower edge is below 0 still draws right.
 */
function band(name: string, lower: (number | null)[], upper: (number | null)[], color: string): object[] {
  return [
    {
      name: `${name} lower`,
      type: 'line',
      stack: name,
      stackStrategy: 'all',
      symbol: 'none',
      lineStyle: { opacity: 0 },
      data: lower.map((v) => v ?? '-'),
      tooltip: { show: false },
    },
    {
      name,
      type: 'line',
      stack: name,
      stackStrategy: 'all',
      symbol: 'none',
      lineStyle: { opacity: 0 },
      areaStyle: { color, opacity: 0.25 },
      itemStyle: { color },
      data: upper.map((u, i) => (u === null || lower[i] === null ? '-' : u - (lower[i] as number))),
      tooltip: { show: false },
    },
  ];
}

/** Actual and counterfactual over the pre-period (the fit) and the test, with the test days' prediction band. */
export function counterfactualChart(r: GeoResult): ChartOption {
  const dates = [...r.pre_daily.map((d) => d.date), ...r.daily.map((d) => d.date)];
  const pre = r.pre_daily.length;
  const unit = unitOf(r.metric);
  const lower = [...r.pre_daily.map(() => null), ...r.daily.map((d) => d.counterfactual_lower)];
  const upper = [...r.pre_daily.map(() => null), ...r.daily.map((d) => d.counterfactual_upper)];
  return {
    grid: { left: 70, right: 20, top: 30, bottom: 60 },
    legend: { data: ['Test geos', 'Counterfactual', `${Math.round((1 - r.alpha) * 100)}% band`], top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatByUnit(v, unit, { compact: true }) },
    xAxis: { type: 'category', data: dates, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => formatByUnit(v, unit, { compact: true }) } },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
    series: [
      ...band(`${Math.round((1 - r.alpha) * 100)}% band`, lower, upper, '#E69F00'),
      {
        name: 'Test geos',
        type: 'line',
        symbol: 'none',
        data: [...r.pre_daily.map((d) => d.actual), ...r.daily.map((d) => d.actual)],
        lineStyle: { color: '#0072B2', width: 2 },
        itemStyle: { color: '#0072B2' },
        markLine: {
          silent: true,
          symbol: 'none',
          label: { formatter: 'test starts' },
          lineStyle: { color: '#999', type: 'dashed' },
          data: pre < dates.length ? [{ xAxis: dates[pre] }] : [],
        },
      },
      {
        name: 'Counterfactual',
        type: 'line',
        symbol: 'none',
        data: [...r.pre_daily.map((d) => d.counterfactual), ...r.daily.map((d) => d.counterfactual)],
        lineStyle: { color: '#D55E00', type: 'dashed', width: 2 },
        itemStyle: { color: '#D55E00' },
      },
    ],
  };
}

/** Cumulative effect over the test days with its interval. */
export function cumulativeChart(r: GeoResult): ChartOption {
  const unit = unitOf(r.metric);
  return {
    grid: { left: 70, right: 20, top: 30, bottom: 30 },
    legend: { data: ['Cumulative effect', `${Math.round((1 - r.alpha) * 100)}% interval`], top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatByUnit(v, unit, { compact: true }) },
    xAxis: { type: 'category', data: r.daily.map((d) => d.date), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatByUnit(v, unit, { compact: true }) } },
    series: [
      ...band(
        `${Math.round((1 - r.alpha) * 100)}% interval`,
        r.daily.map((d) => d.cumulative_lower),
        r.daily.map((d) => d.cumulative_upper),
        '#009E73',
      ),
      {
        name: 'Cumulative effect',
        type: 'line',
        symbol: 'none',
        data: r.daily.map((d) => d.cumulative_effect),
        lineStyle: { color: '#009E73', width: 2 },
        itemStyle: { color: '#009E73' },
        markLine: { silent: true, symbol: 'none', data: [{ yAxis: 0 }], lineStyle: { color: '#999', type: 'dashed' } },
      },
    ],
  };
}
