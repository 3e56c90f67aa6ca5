import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../../../shared/stats/distributions';
import { sequentialTest } from '../../../../shared/stats/sequential';
import { dataCoverage, daysRunning, plannedUsers, relativeStandardError, sampleProgress } from './progress';

const timeline = { start_at: '2026-01-01T00:00:00.000Z', end_at: '2026-01-31T00:00:00.000Z', data_end: '2026-01-11T00:00:00.000Z' };

describe('experiment progress', () => {
  it('counts days running up to the end of the data or the planned end, whichever is first', () => {
    expect(daysRunning(timeline)).toBe(10);
    expect(daysRunning({ ...timeline, data_end: '2026-03-01T00:00:00.000Z' })).toBe(30);
    expect(daysRunning({ ...timeline, data_end: null })).toBeNull();
  });

  it('projects users to the planned end at the rate so far', () => {
    expect(plannedUsers(1000, timeline)).toBe(3000);
    expect(plannedUsers(1000, { ...timeline, end_at: null })).toBe(1000);
    expect(plannedUsers(1000, { ...timeline, data_end: '2026-02-10T00:00:00.000Z' })).toBe(1000);
  });

  it('recovers the standard error behind a fixed-sample and a sequential interval', () => {
    const z = normalQuantile(0.975);
    expect(
      relativeStandardError(
        { variant: 't', users: 500, mean: 1, rel_lift: 0.1, rel_lift_ci: [0.1 - 0.02 * z, 0.1 + 0.02 * z] },
        500,
        0.05,
        'frequentist',
        5000,
      ),
    ).toBeCloseTo(0.02, 12);
    const seq = sequentialTest(0.1, 0.02, 1000, 0.05, 5000);
    expect(relativeStandardError({ variant: 't', users: 500, mean: 1, rel_lift: 0.1, rel_lift_ci: seq.ci }, 500, 0.05, 'sequential', 5000)).toBeCloseTo(
      0.02,
      12,
    );
    expect(relativeStandardError({ variant: 't', users: 1, mean: 0, error: 'fewer than 2 users in t' }, 5, 0.05, 'frequentist', 5000)).toBeNull();
  });

  it('needs four times the users to halve the standard error: se 0.02 now, 80% power for 2.8 se', () => {
    // Power 80% at alpha 0.05 needs target = (1.96 + 0.8416) se; with target 0.028 and se 0.02
    // now, se must shrink by 0.02 / (0.028 / 2.8016): users needed = 1000 * (0.02 * 2.8016 / 0.028)^2.
    const z = normalQuantile(0.975);
    const v = { variant: 't', users: 500, mean: 1, rel_lift: 0, rel_lift_ci: [-0.02 * z, 0.02 * z] as [number, number] };
    const p = sampleProgress({ variant: 'c', users: 500, mean: 1 }, v, timeline, 0.028, 0.05, 'frequentist', 5000)!;
    const k = z + normalQuantile(0.8);
    expect(p.usersSoFar).toBe(1000);
    expect(p.plannedUsers).toBe(3000);
    // The power formula counts both tails, so the need is a hair below the one-tail figure.
    expect(p.usersNeeded!).toBeCloseTo(1000 * ((0.02 * k) / 0.028) ** 2, -1);
    expect(p.progress).toBeCloseTo(1000 / p.usersNeeded!, 12);
  });

  it('says when the data ends before the assignment, right after it, or inside the window', () => {
    expect(dataCoverage('2026-06-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z', '2026-05-20T00:00:00.000Z', 28)).toEqual({
      kind: 'before_start',
      dataEnd: '2026-05-20T00:00:00.000Z',
      firstAssigned: '2026-06-01T00:00:00.000Z',
    });
    expect(dataCoverage('2026-06-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z', '2026-06-01T12:00:00.000Z', 28).kind).toBe('too_short');
    expect(dataCoverage('2026-06-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z', '2026-06-11T00:00:00.000Z', 28)).toMatchObject({
      kind: 'partial',
      coveredDays: 10,
      windowDays: 28,
    });
    expect(dataCoverage('2026-06-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z', '2026-07-11T00:00:00.000Z', 28)).toEqual({ kind: 'ok' });
    expect(dataCoverage('2026-06-01T00:00:00.000Z', null, null, 28)).toEqual({ kind: 'no_data' });
  });
});
