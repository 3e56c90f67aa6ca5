import { describe, expect, it } from 'vitest';
import { retentionCountdown } from './retention-countdown';

describe('retention countdown', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  it('counts whole days up, and warns in the last 3 days', () => {
    // purge on 12 December 12:00: exactly 12 days
    expect(retentionCountdown('2026-12-12T12:00:00Z', now)).toEqual({ text: 'PII copy deleted in 12 days', warn: false });
    // 11 days 2 hours left still reads 12 days
    expect(retentionCountdown('2026-12-11T14:00:00Z', now)).toEqual({ text: 'PII copy deleted in 12 days', warn: false });
    // 3 days 1 hour: not yet a warning; exactly 3 days: a warning
    expect(retentionCountdown('2026-12-03T13:00:00Z', now)).toEqual({ text: 'PII copy deleted in 4 days', warn: false });
    expect(retentionCountdown('2026-12-03T12:00:00Z', now)).toEqual({ text: 'PII copy deleted in 3 days', warn: true });
    expect(retentionCountdown('2026-11-30T18:00:00Z', now)).toEqual({ text: 'PII copy deleted within a day', warn: true });
  });

  it('says the copy is being deleted once the retention is reached', () => {
    expect(retentionCountdown('2026-11-30T12:00:00Z', now)).toEqual({ text: 'PII copy is being deleted (retention reached)', warn: true });
  });
});
