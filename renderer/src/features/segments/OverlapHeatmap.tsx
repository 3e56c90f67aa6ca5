import { useMemo } from 'react';
import { formatCount, formatPercent } from '../../../../shared/format';
import { Chart, type ChartOption } from '../../ui/Chart';
import { OVERLAP_SCALE, overlapShares } from './overlap-percent';

interface Overlap {
  names: string[];
  matrix: number[][];
}

/**
 * Overlap as percentages of the row segment ("of High value, 42% are also in Lapsed"), on a
 * sequential scale from 0% to 100% with its legend; the counts are in the tooltip. A screen
 * reader (and the e2e tests) read the same numbers from the table under the chart.
 */
export function OverlapHeatmap({ overlap }: { overlap: Overlap }) {
  const shares = useMemo(() => overlapShares(overlap.matrix), [overlap.matrix]);
  const option = useMemo<ChartOption>(() => {
    const { names, matrix } = overlap;
    // Dark cells get white text, light cells dark text: the label stays readable on every step of the scale.
    const data = shares.flatMap((row, i) =>
      row.map((share, j) => ({ value: [j, i, share === null ? '-' : share], label: { color: share !== null && share > 0.6 ? '#fff' : '#1a1a1a' } })),
    );
    return {
      tooltip: {
        formatter: (p: { value: [number, number, number | '-'] }) => {
          const [j, i] = p.value;
          const size = matrix[i]?.[i] ?? 0;
          const both = matrix[i]?.[j] ?? 0;
          if (i === j) return `${names[i]}: ${formatCount(size)} customers`;
          return `${formatPercent(size ? both / size : null)} of ${names[i]} (${formatCount(both)} of ${formatCount(size)}) are also in ${names[j]}`;
        },
      },
      grid: { left: 160, right: 90, top: 10, bottom: 90 },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: 25, width: 140, overflow: 'truncate' } },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 150, overflow: 'truncate' } },
      visualMap: {
        min: 0,
        max: 1,
        calculable: false,
        orient: 'vertical',
        right: 0,
        top: 'middle',
        itemHeight: 160,
        text: ['100%', '0%'],
        inRange: { color: [...OVERLAP_SCALE] },
      },
      series: [
        {
          type: 'heatmap',
          data,
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
          label: {
            show: true,
            fontWeight: 600,
            formatter: (p: { value: [number, number, number | '-'] }) => (p.value[2] === '-' ? '—' : formatPercent(Math.round(p.value[2] * 100) / 100)),
          },
        },
      ],
    };
  }, [overlap, shares]);
  return (
    <>
      <Chart option={option} title="Segment overlap" testId="seg-overlap" height={Math.max(240, 60 + overlap.names.length * 44)} />
      <table className="sr-only" data-testid="seg-overlap-table">
        <caption>Share of each row segment also in the column segment</caption>
        <thead>
          <tr>
            <th>Segment</th>
            {overlap.names.map((n) => (
              <th key={n}>{n}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {overlap.names.map((n, i) => (
            <tr key={n}>
              <th>{n}</th>
              {overlap.names.map((m, j) => (
                <td key={m} data-share={shares[i]?.[j] ?? ''} data-count={overlap.matrix[i]?.[j] ?? ''}>
                  {formatPercent(shares[i]?.[j])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
