import { formatPValue, formatSignedPercent } from '../../../../shared/format';
import type { ChartOption } from '../../ui/Chart';
import type { Reading } from './readout';

/** One interval of the forest plot: a (metric, variant) pair on the relative-lift scale. */
export interface ForestRow {
  label: string;
  reading: Reading;
}

/** Colour-blind-safe verdict colours (Okabe-Ito): green good, vermillion bad, grey unclear. */
export const VERDICT_COLOURS = { better: '#009E73', worse: '#D55E00', unclear: '#8a94a6', untestable: '#8a94a6' } as const;

/** Only relative intervals share one axis; an absolute fallback or an untestable pair is listed instead. */
export function plottable(rows: readonly ForestRow[]): ForestRow[] {
  return rows.filter((r) => r.reading.scale === 'relative' && r.reading.interval !== null);
}

/**
 * The x range: every interval and zero inside it, with 10% padding on each side, so the zero
 * line (the "no effect" reference every interval is judged against) is never clipped.
 */
export function forestRange(rows: readonly ForestRow[]): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const r of plottable(rows)) {
    lo = Math.min(lo, r.reading.interval![0]);
    hi = Math.max(hi, r.reading.interval![1]);
  }
  const pad = Math.max((hi - lo) * 0.1, 0.01);
  return [lo - pad, hi + pad];
}

interface CustomApi {
  value: (i: number) => number;
  coord: (p: [number, number]) => [number, number];
  style: () => Record<string, unknown>;
}

/** ECharts option: one horizontal interval per row, coloured by its verdict, a dot at the estimate. */
export function forestOption(rows: readonly ForestRow[], dark: boolean): ChartOption {
  const data = plottable(rows);
  const [min, max] = forestRange(rows);
  const text = dark ? '#d5d9e0' : '#333';
  return {
    animation: false,
    grid: { left: 10, right: 30, top: 10, bottom: 30, containLabel: true },
    xAxis: {
      type: 'value',
      min,
      max,
      axisLabel: { formatter: (v: number) => formatSignedPercent(v), color: text, showMinLabel: false, showMaxLabel: false },
      splitLine: { show: false },
    },
    yAxis: { type: 'category', data: data.map((r) => r.label), inverse: true, axisLabel: { color: text } },
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const r = data[p.dataIndex]!.reading;
        const evidence = r.chanceToWin !== null ? `${formatSignedPercent(r.chanceToWin).replace('+', '')} chance to win` : formatPValue(r.pValue);
        return `${data[p.dataIndex]!.label}: ${formatSignedPercent(r.estimate)} (${formatSignedPercent(r.interval![0])} to ${formatSignedPercent(r.interval![1])}), ${evidence}`;
      },
    },
    series: [
      {
        type: 'custom',
        renderItem: (_params: unknown, api: CustomApi) => {
          const y = api.value(0);
          const lo = api.coord([api.value(1), y]);
          const hi = api.coord([api.value(2), y]);
          const mid = api.coord([api.value(3), y]);
          const stroke = String(api.value(4) === 1 ? VERDICT_COLOURS.better : api.value(4) === -1 ? VERDICT_COLOURS.worse : VERDICT_COLOURS.unclear);
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: { stroke, lineWidth: 3 } },
              { type: 'line', shape: { x1: lo[0], y1: lo[1] - 6, x2: lo[0], y2: lo[1] + 6 }, style: { stroke, lineWidth: 2 } },
              { type: 'line', shape: { x1: hi[0], y1: hi[1] - 6, x2: hi[0], y2: hi[1] + 6 }, style: { stroke, lineWidth: 2 } },
              { type: 'circle', shape: { cx: mid[0], cy: mid[1], r: 6 }, style: { fill: stroke } },
            ],
          };
        },
        encode: { x: [1, 2, 3], y: 0 },
        data: data.map((r, i) => [
          i,
          r.reading.interval![0],
          r.reading.interval![1],
          r.reading.estimate,
          r.reading.verdict === 'better' ? 1 : r.reading.verdict === 'worse' ? -1 : 0,
        ]),
        markLine: {
          silent: true,
          symbol: 'none',
          data: [{ xAxis: 0 }],
          label: { show: false },
          lineStyle: { color: dark ? '#aab2bf' : '#555', type: 'dashed', width: 1.5 },
        },
      },
    ],
  };
}
