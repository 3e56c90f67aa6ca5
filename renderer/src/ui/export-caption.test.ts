import { describe, expect, it } from 'vitest';
import { exportCaption } from './export-caption';

describe('exportCaption', () => {
  it('carries the title, the date range and the filters in force', () => {
    const caption = exportCaption('Spend over time', { from: '2026-06-03', to: '2026-06-30' }, [
      { label: 'channels', values: ['Paid search', 'Email'] },
      { label: 'platforms', values: [] },
      { label: 'campaigns', values: ['Summer sale'] },
    ]);
    expect(caption).toEqual({
      title: 'Spend over time',
      lines: ['Jun 3, 2026 – Jun 30, 2026', 'Channels: Paid search, Email · Campaigns: Summer sale'],
    });
  });

  it('says "all" when nothing is filtered, one date for a one-day range', () => {
    const caption = exportCaption('Spend by channel', { from: '2026-06-05', to: '2026-06-05' }, [
      { label: 'channels', values: [] },
      { label: 'platforms', values: [] },
    ]);
    expect(caption.lines).toEqual(['Jun 5, 2026', 'All channels and platforms']);
  });

  it('shortens long lists and leaves out what the chart has no notion of', () => {
    const caption = exportCaption('Paths', null, [{ label: 'campaigns', values: ['A', 'B', 'C', 'D', 'E'] }]);
    expect(caption.lines).toEqual(['Campaigns: A, B, C and 2 more']);
    expect(exportCaption('Plain', null)).toEqual({ title: 'Plain', lines: [] });
  });
});
