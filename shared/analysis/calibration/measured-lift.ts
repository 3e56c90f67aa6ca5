/**
 * What one test measured, in incremental conversions with an interval, and over which period:
 * a geo experiment's `orders` effect, or a user-level experiment's (or audience holdout's)
 * difference in conversion rate times the treated users.
 */
import type { QueryEngine } from '../../engine';
import { AppError } from '../../ipc/errors';
import type { CalibrationTest } from '../../specs/calibration-spec';
import { rebase } from '../../specs/calibration-spec';
import { SpecError } from '../../specs/spec-error';
import type { TreatmentVariantOutput } from '../../stats/experiment-stats-types';
import { runExperiment } from '../experiment/run-experiment';
import { runGeoExperiment } from '../geo/run-geo-experiment';
import { assignmentsLoaded, experimentPeriod, type PeriodUs } from './calibration-sql';

const DAY_US = 86_400_000_000;

export interface MeasuredLift {
  period: PeriodUs;
  /** the period's first and last calendar day */
  days: [string, string];
  experiment_id: string | null;
  variant: string | null;
  incremental: number | null;
  incremental_ci: [number, number] | null;
  /** geo tests: the treated geos' actual orders over the test, the base of a share */
  actual: number | null;
}

function dayOf(us: number): string {
  return new Date(Math.floor(us / 1000)).toISOString().slice(0, 10);
}

/** A SpecError raised while running a nested spec points into the calibration spec. */
async function within<T>(prefix: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof SpecError) throw rebase(error, prefix);
    throw error;
  }
}

export async function measureLift(db: QueryEngine, test: CalibrationTest, i: number): Promise<MeasuredLift> {
  const at = `tests[${i}].spec`;
  if (test.source === 'geo_experiment') {
    const out = await within(at, runGeoExperiment(db, test.spec));
    const [first, last] = test.spec.test_period;
    // The geo test's days are whole calendar days: [first 00:00, the day after last 00:00).
    const period = { startUs: Date.parse(`${first}T00:00:00Z`) * 1000, endUs: Date.parse(`${last}T00:00:00Z`) * 1000 + DAY_US };
    return { period, days: [first, last], experiment_id: null, variant: null, incremental: out.effect, incremental_ci: out.effect_ci, actual: out.actual };
  }
  const spec = test.spec;
  if (!(await assignmentsLoaded(db))) {
    throw new AppError(
      'missing_data',
      `tests[${i}] reads experiment_assignments, which is not loaded: pull Experiment assignments in the Catalog first`,
      `tests[${i}]`,
    );
  }
  const period = await experimentPeriod(db, spec.experiment_id, spec.window_days);
  if (period === null) {
    throw new SpecError(
      'unknown_experiment',
      `${at}.experiment_id "${spec.experiment_id}" has no assignments in experiment_assignments`,
      `${at}.experiment_id`,
    );
  }
  const out = await within(at, runExperiment(db, spec));
  const metric = out.metrics.find((m) => m.name === test.metric);
  const treated = out.metrics[0]?.variants.filter((v) => v.variant !== spec.control).map((v) => v.variant) ?? [];
  let variant: string;
  if (test.variant !== undefined) {
    if (!treated.includes(test.variant)) {
      throw new SpecError(
        'invalid_spec',
        `tests[${i}].variant "${test.variant}" is not a treated variant of ${spec.experiment_id}; it has: ${treated.join(', ') || 'none'}`,
        `tests[${i}].variant`,
      );
    }
    variant = test.variant;
  } else if (treated.length === 1) {
    variant = treated[0]!;
  } else {
    throw new SpecError(
      'invalid_spec',
      `tests[${i}].variant is required: ${spec.experiment_id} has ${treated.length} treated variants (${treated.join(', ') || 'none'})`,
      `tests[${i}].variant`,
    );
  }
  const v = metric?.variants.find((x) => x.variant === variant) as TreatmentVariantOutput | undefined;
  const users = v?.users ?? 0;
  // No difference (too few users, no variance): nothing measured, so no factor.
  const diff = v?.diff;
  const ci = v?.diff_ci;
  return {
    period,
    days: [dayOf(period.startUs), dayOf(period.endUs - 1)],
    experiment_id: spec.experiment_id,
    variant,
    incremental: diff === undefined ? null : diff * users,
    incremental_ci: ci === undefined ? null : [ci[0] * users, ci[1] * users],
    actual: null,
  };
}
