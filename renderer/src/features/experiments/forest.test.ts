import { describe, expect, it } from 'vitest';
import { forestOption, forestRange, plottable, type ForestRow } from './forest';
import type { Reading } from './readout';

const reading = (interval: [number, number] | null, verdict: Reading['verdict'], scale: Reading['scale'] = 'relative'): Reading => ({
  verdict,
  scale,
  estimate: interval ? (interval[0] + interval[1]) / 2 : null,
  interval,
  pValue: 0.01,
  pAdjusted: null,
  chanceToWin: null,
  sentence: '',
});

describe('forest plot', () => {
  it('keeps zero inside the axis when every interval is on one side of it', () => {
    const [min, max] = forestRange([{ label: 'a', reading: reading([0.05, 0.2], 'better') }]);
    expect(min).toBeLessThan(0);
    expect(max).toBeGreaterThan(0.2);
    const [lo, hi] = forestRange([{ label: 'b', reading: reading([-0.3, -0.1], 'worse') }]);
    expect(lo).toBeLessThan(-0.3);
    expect(hi).toBeGreaterThan(0);
  });

  it('plots relative intervals only and colours each by its verdict', () => {
    const rows: ForestRow[] = [
      { label: 'rate · t', reading: reading([0.01, 0.19], 'better') },
      { label: 'aov · t', reading: reading([-0.2, -0.1], 'better') },
      { label: 'rev · t', reading: reading([-0.1, 0.1], 'unclear') },
      { label: 'x · t', reading: reading([1, 2], 'better', 'absolute') },
      { label: 'y · t', reading: reading(null, 'untestable', null) },
    ];
    expect(plottable(rows).map((r) => r.label)).toEqual(['rate · t', 'aov · t', 'rev · t']);
    const option = forestOption(rows, false) as { series: { data: number[][] }[]; yAxis: { data: string[] } };
    expect(option.yAxis.data).toEqual(['rate · t', 'aov · t', 'rev · t']);
    // The verdict (already flipped for inverse metrics) decides the colour, not the sign.
    expect(option.series[0]!.data.map((d) => d[4])).toEqual([1, 1, 0]);
  });
});
