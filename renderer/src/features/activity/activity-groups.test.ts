import { describe, expect, it } from 'vitest';
import { activityLines, detailFacts, groupActivity, type ActivityEntry } from './activity-groups';

let seq = 100;
function entry(action: string, user: string, details: Record<string, unknown> = {}, summary = `${action} by ${user}`): ActivityEntry {
  seq -= 1;
  return { seq, at: '2026-11-30T10:00:00Z', user, action, summary, details, hash: 'h'.repeat(64) };
}

describe('groupActivity', () => {
  it('collapses consecutive runs of the same analysis by the same user', () => {
    // Newest first: five attribution runs by maya, then a pull, then two more attribution runs.
    const log = [
      ...Array.from({ length: 5 }, () => entry('analysis', 'maya', { kind: 'attribution' }, 'Ran a attribution analysis')),
      entry('pull', 'maya', { product: 'customers' }, 'Pulled customers'),
      entry('analysis', 'maya', { kind: 'attribution' }, 'Ran a attribution analysis'),
      entry('analysis', 'maya', { kind: 'attribution' }, 'Ran a attribution analysis'),
    ];
    const groups = groupActivity(log);
    expect(groups.map((g) => [g.label, g.entries.length])).toEqual([
      ['Ran Attribution 5 times', 5],
      ['Pulled customers', 1],
      ['Ran Attribution 2 times', 2],
    ]);
    // Keyed by the oldest entry, so a new run on top does not change the key of an open group.
    expect(groups[0]!.key).toBe(String(log[4]!.seq));
  });

  it('keeps runs apart when the user or the analysis changes, and never groups other actions', () => {
    const log = [
      entry('analysis', 'maya', { kind: 'attribution' }),
      entry('analysis', 'avery', { kind: 'attribution' }),
      entry('analysis', 'avery', { kind: 'segment' }),
      entry('export', 'avery'),
      entry('export', 'avery'),
    ];
    expect(groupActivity(log).map((g) => [g.entries.length, g.label])).toEqual([
      [1, 'Ran Attribution'],
      [1, 'Ran Attribution'],
      [1, 'Ran a segment count'],
      [1, 'export by avery'],
      [1, 'export by avery'],
    ]);
    expect(groupActivity([])).toEqual([]);
  });

  it('shows a group as one line until it is opened, then every run under it', () => {
    const log = [entry('analysis', 'maya', { kind: 'segment' }), entry('analysis', 'maya', { kind: 'segment' }), entry('pull', 'maya')];
    const groups = groupActivity(log);
    expect(groups[0]!.label).toBe('Ran a segment count 2 times');
    expect(activityLines(groups, new Set()).map((l) => [l.entry.seq, l.head])).toEqual([
      [log[0]!.seq, true],
      [log[2]!.seq, true],
    ]);
    expect(activityLines(groups, new Set([groups[0]!.key])).map((l) => [l.entry.seq, l.head])).toEqual([
      [log[0]!.seq, true],
      [log[0]!.seq, false],
      [log[1]!.seq, false],
      [log[2]!.seq, true],
    ]);
  });
});

describe('detailFacts', () => {
  it('writes details in words, nested values included', () => {
    expect(detailFacts({ kind: 'attribution', specHash: 'abc', dataVersions: { touchpoints: '3' }, ms: 120, rows: null })).toEqual([
      { label: 'Kind', text: 'attribution' },
      { label: 'Spec hash', text: 'abc' },
      { label: 'Data versions', text: 'Touchpoints: 3' },
      { label: 'Took (ms)', text: '120' },
      { label: 'Rows', text: '—' },
    ]);
  });
});
