import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../shared/ipc/events';
import { batchProgress } from './get-started';

const job = (subject: string, state: Job['state'], progress: number | null): Job => ({
  id: subject,
  kind: 'pull',
  title: `Pull ${subject}`,
  subject,
  state,
  progress,
  detail: '',
  startedAt: '2026-11-30T00:00:00Z',
});

describe('first-run batch progress', () => {
  it('averages the pulls, counting finished ones as whole', () => {
    const b = batchProgress(
      ['customers', 'touchpoints', 'conversions', 'events'],
      [job('customers', 'done', 1), job('touchpoints', 'running', 0.5), job('conversions', 'running', null)],
      new Set(),
    );
    expect(b).toEqual({ progress: 1.5 / 4, done: 1, failed: [], running: 2, total: 4 });
  });

  it('names failed and cancelled pulls, and counts products already on the laptop', () => {
    const b = batchProgress(
      ['customers', 'touchpoints', 'events'],
      [job('customers', 'failed', null), job('touchpoints', 'cancelled', 0.2)],
      new Set(['events']),
    );
    expect(b.failed).toEqual(['customers', 'touchpoints']);
    expect(b.done).toBe(1);
    expect(b.progress).toBeCloseTo(1 / 3, 12);
  });

  it('matches jobs by subject, not by their title', () => {
    const renamed = { ...job('customers', 'done', 1), title: 'Pull Customer 360' };
    expect(batchProgress(['customers'], [renamed], new Set()).done).toBe(1);
  });
});
