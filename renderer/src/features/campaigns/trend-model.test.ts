import { describe, expect, it } from 'vitest';
import { trendModel } from './trend-model';

describe('trendModel', () => {
  it('names a partial last week in its tooltip and explains hollow points', () => {
    const model = trendModel(
      [
        { period: '2026-06-03', value: 7, days: 7, partial: false },
        { period: '2026-06-10', value: 7, days: 7, partial: false },
        { period: '2026-06-17', value: 3, days: 3, partial: true },
      ],
      'week',
    );
    expect(model.kind).toBe('line');
    expect(model.partial).toEqual([false, false, true]);
    expect(model.titles[0]).toBe('Week from Jun 3, 2026');
    expect(model.titles[2]).toBe('Week from Jun 17, 2026 (partial: 3 of 7 days)');
    expect(model.note).toMatch(/partial weeks/);
  });

  it('labels months in words and counts a partial month against its own length', () => {
    const model = trendModel(
      [
        { period: '2026-02-20', value: 9, days: 9, partial: true },
        { period: '2026-03-01', value: 31, days: 31, partial: false },
      ],
      'month',
    );
    expect(model.labels).toEqual(['Feb 2026', 'Mar 2026']);
    // February 2026 has 28 days.
    expect(model.titles[0]).toBe('Feb 2026 (partial: 9 of 28 days)');
  });

  it('draws a single bucket as a bar, and whole buckets without a note', () => {
    const model = trendModel([{ period: '2026-06-05', value: 120, days: 1, partial: false }], 'date');
    expect(model.kind).toBe('bar');
    expect(model.values).toEqual([120]);
    expect(model.note).toBeNull();
  });
});
