import { normalQuantile } from '../../../../shared/stats/distributions';
import { midExperimentPower } from '../../../../shared/stats/power';
import { sequentialHalfwidth } from '../../../../shared/stats/sequential';
import type { Engine, VariantResult } from './readout';

const DAY_MS = 86_400_000;

export interface ExperimentTimeline {
  start_at: string | null;
  end_at: string | null;
  /** Latest conversion on the laptop: the "today" of the data, since the extracts are snapshots. */
  data_end: string | null;
}

/** Whole days from start to the earlier of the planned end and the end of the data. */
export function daysRunning(t: ExperimentTimeline): number | null {
  if (!t.start_at || !t.data_end) return null;
  const start = Date.parse(t.start_at);
  const until = Math.min(Date.parse(t.data_end), t.end_at ? Date.parse(t.end_at) : Infinity);
  if (!Number.isFinite(start) || !Number.isFinite(until)) return null;
  return Math.max(0, Math.floor((until - start) / DAY_MS));
}

/**
 * Users the primary comparison will have by the planned end, at the rate it has gained them so
 * far (users so far, scaled by planned days / days elapsed); the users so far when the data
 * already reaches the end, or when nothing says how long it runs.
 */
export function plannedUsers(usersSoFar: number, t: ExperimentTimeline): number {
  if (!t.start_at || !t.end_at || !t.data_end) return usersSoFar;
  const start = Date.parse(t.start_at);
  const elapsed = Date.parse(t.data_end) - start;
  const planned = Date.parse(t.end_at) - start;
  if (!(elapsed > 0) || !(planned > elapsed)) return usersSoFar;
  return Math.round((usersSoFar * planned) / elapsed);
}

/**
 * The standard error of the relative lift behind the interval the engine printed: the
 * fixed-sample interval (frequentist, and the Bayesian engine's `rel_lift_ci`) is
 * lift +- z se (z for t: the df of an experiment are large), the sequential one is the
 * always-valid halfwidth, which is proportional to se at a given N.
 */
export function relativeStandardError(v: VariantResult, controlUsers: number, alpha: number, engine: Engine, tuning: number): number | null {
  if (!v.rel_lift_ci) return null;
  const half = (v.rel_lift_ci[1] - v.rel_lift_ci[0]) / 2;
  if (!(half > 0)) return null;
  if (engine === 'sequential') {
    const n = controlUsers + v.users;
    return half / sequentialHalfwidth(1, n, n, alpha, tuning);
  }
  return half / normalQuantile(1 - alpha / 2);
}

export interface SampleProgress {
  usersSoFar: number;
  usersNeeded: number | null;
  plannedUsers: number;
  /** usersSoFar / usersNeeded, at most 1. */
  progress: number | null;
  powerNow: number;
  powerAtPlan: number;
}

/**
 * Users so far against users needed to detect `targetLift` (relative) with 80% power on the
 * primary metric's first comparison, from its standard error now (shared/stats/power.ts
 * `midExperimentPower`). Null where the comparison has no interval (untestable).
 */
export function sampleProgress(
  control: VariantResult,
  v: VariantResult,
  t: ExperimentTimeline,
  targetLift: number,
  alpha: number,
  engine: Engine,
  tuning: number,
): SampleProgress | null {
  const se = relativeStandardError(v, control.users, alpha, engine, tuning);
  const usersSoFar = control.users + v.users;
  if (se === null || !(usersSoFar > 0) || !(targetLift > 0)) return null;
  const planned = plannedUsers(usersSoFar, t);
  const r = midExperimentPower({
    usersSoFar,
    plannedUsers: planned,
    standardError: se,
    targetEffect: targetLift,
    alpha,
    ...(engine === 'sequential' ? { sequentialTuning: tuning } : {}),
  });
  return { usersSoFar, usersNeeded: r.usersNeeded, plannedUsers: planned, progress: r.progress, powerNow: r.powerNow, powerAtPlan: r.powerAtPlan };
}

export type Coverage =
  | { kind: 'ok' }
  | { kind: 'no_data' }
  | { kind: 'before_start'; dataEnd: string; firstAssigned: string }
  | { kind: 'too_short'; dataEnd: string; firstAssigned: string }
  | { kind: 'partial'; dataEnd: string; coveredDays: number; windowDays: number };

/**
 * Whether the conversions on the laptop reach far enough to read the window: an extract that
 * ends before the first assignment (a holdout read right after its activation) shows nothing
 * but zeros; one that ends inside the last user's window under-counts everybody assigned late.
 */
export function dataCoverage(firstAssigned: string | null, lastAssigned: string | null, dataEnd: string | null, windowDays: number): Coverage {
  if (!firstAssigned) return { kind: 'ok' };
  if (!dataEnd) return { kind: 'no_data' };
  const end = Date.parse(dataEnd);
  if (end < Date.parse(firstAssigned)) return { kind: 'before_start', dataEnd, firstAssigned };
  // Less than a day after the first assignment nobody has had time to convert: zeros, not a result.
  if (end - Date.parse(firstAssigned) < DAY_MS) return { kind: 'too_short', dataEnd, firstAssigned };
  const last = Date.parse(lastAssigned ?? firstAssigned);
  const covered = (end - last) / DAY_MS;
  if (covered < windowDays) return { kind: 'partial', dataEnd, coveredDays: Math.max(0, Math.floor(covered)), windowDays };
  return { kind: 'ok' };
}
