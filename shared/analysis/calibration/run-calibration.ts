/**
 * Calibrated attribution (docs/spec.md section 11): for each tested channel, the conversions each
 * model credits to it over the test's period beside the incremental conversions the test
 * measured, their ratio (the incrementality factor) and the test's age; then every model's
 * credit over the attribution's own range with the tested channels scaled by their factors.
 */
import type { QueryEngine } from '../../engine';
import { modelParams, type ModelName } from '../../specs/attribution-spec';
import type { CalibrationSource, CalibrationSpec } from '../../specs/calibration-spec';
import { runAttribution } from '../attribution/run-attribution';
import { latestConversionDate, withPeriodConversions } from './calibration-sql';
import { adjustCredit, incrementalityFactor, staleness, type AdjustedChannel } from './factors';
import { measureLift, type MeasuredLift } from './measured-lift';

export interface CreditedByModel {
  model: ModelName;
  params: Record<string, number>;
  /** the conversions this model credits to the channel over the test period */
  credited: number;
  factor: number | null;
  factor_ci: [number, number] | null;
}

export interface CalibrationTestResult {
  channel: string;
  source: CalibrationSource;
  /** experiment and holdout tests: the experiment and the treated variant read; geo: null */
  experiment_id: string | null;
  variant: string | null;
  /** the test period's first and last day (both inclusive) */
  period: [string, string];
  /** every conversion of the type in the period, whatever it is credited to */
  period_conversions: number;
  /** what `incremental` counts: a geo test's orders, or its share of orders x period_conversions; a user-level test's converting users */
  units: 'orders' | 'share_of_conversions' | 'converting_users';
  /** geo tests: the effect on orders as the geo experiment reports it, and its interval */
  geo_effect: number | null;
  geo_effect_ci: [number, number] | null;
  incremental: number | null;
  incremental_ci: [number, number] | null;
  models: CreditedByModel[];
  age_days: number | null;
  stale: boolean;
}

export interface AdjustedModel {
  model: ModelName;
  params: Record<string, number>;
  channels: AdjustedChannel[];
  /** the sum of adjusted conversions over channels (the modelled total is `conversions`) */
  adjusted_conversions: number;
}

export interface CalibrationResult {
  kind: 'calibrated_attribution';
  conversion_type: string;
  /** the attribution over its own range, as the attribution kind reports it */
  conversions: number;
  revenue: number;
  /** the latest day with a conversion of the type: tests are aged against it */
  data_end: string | null;
  stale_after_days: number;
  tests: CalibrationTestResult[];
  models: AdjustedModel[];
}

/**
 * A geo effect as a share of the treated geos' actual orders, applied to the period's conversions
 * (the actual total is observed, so the interval scales the same way). No share of zero orders.
 */
function asShare(lift: MeasuredLift, conversions: number): { incremental: number | null; incremental_ci: [number, number] | null } {
  if (lift.actual === null || lift.actual === 0 || lift.incremental === null) return { incremental: null, incremental_ci: null };
  const k = conversions / lift.actual;
  return { incremental: lift.incremental * k, incremental_ci: lift.incremental_ci === null ? null : [lift.incremental_ci[0] * k, lift.incremental_ci[1] * k] };
}

export async function runCalibration(db: QueryEngine, spec: CalibrationSpec): Promise<CalibrationResult> {
  const attribution = spec.attribution;
  // The tests read the real conversions, so they run before any period shadow.
  const dataEnd = await latestConversionDate(db, attribution.conversion_type);
  const measured = [];
  for (const [i, test] of spec.tests.entries()) measured.push(await measureLift(db, test, i));

  const tests: CalibrationTestResult[] = [];
  for (const [i, test] of spec.tests.entries()) {
    const lift = measured[i]!;
    const inPeriod = await withPeriodConversions(db, lift.period, () =>
      // The period is part of the journeys cache key: its cache must never serve the full range.
      runAttribution(db, attribution, { dataVersion: `calibration:${lift.period.startUs}-${lift.period.endUs}` }),
    );
    const units = test.source === 'geo_experiment' ? test.units : 'converting_users';
    const { incremental, incremental_ci } = units === 'share_of_conversions' ? asShare(lift, inPeriod.conversions) : lift;
    const models = inPeriod.models.map((m): CreditedByModel => {
      const credited = m.channels.find((c) => c.channel === test.channel)?.conversions ?? 0;
      return { model: m.model, params: m.params, credited, ...incrementalityFactor(incremental, incremental_ci, credited) };
    });
    tests.push({
      channel: test.channel,
      source: test.source,
      experiment_id: lift.experiment_id,
      variant: lift.variant,
      period: lift.days,
      period_conversions: inPeriod.conversions,
      units,
      geo_effect: test.source === 'geo_experiment' ? lift.incremental : null,
      geo_effect_ci: test.source === 'geo_experiment' ? lift.incremental_ci : null,
      incremental,
      incremental_ci,
      models,
      ...staleness(lift.days[1], dataEnd, spec.stale_after_days),
    });
  }

  // The whole range last, so its journeys cache is the most recently used one and outlives the
  // period runs in the attribution cache's LRU (the attribution page reuses it).
  const full = await runAttribution(db, attribution);
  const models = full.models.map((m, k): AdjustedModel => {
    const factors = new Map(tests.map((t) => [t.channel, t.models[k]!.factor]));
    const channels = adjustCredit(m.channels, factors);
    return {
      model: m.model,
      params: modelParams(attribution.models[k]!),
      channels,
      adjusted_conversions: channels.reduce((s, c) => s + c.adjusted_conversions, 0),
    };
  });
  return {
    kind: 'calibrated_attribution',
    conversion_type: attribution.conversion_type,
    conversions: full.conversions,
    revenue: full.revenue,
    data_end: dataEnd,
    stale_after_days: spec.stale_after_days,
    tests,
    models,
  };
}
