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
import { measureLift } from './measured-lift';

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

export async function runCalibration(db: QueryEngine, spec: CalibrationSpec): Promise<CalibrationResult> {
  const attribution = spec.attribution;
  // Everything that reads the real conversions first; the period shadows come after.
  const full = await runAttribution(db, attribution);
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
    const models = inPeriod.models.map((m): CreditedByModel => {
      const credited = m.channels.find((c) => c.channel === test.channel)?.conversions ?? 0;
      return { model: m.model, params: m.params, credited, ...incrementalityFactor(lift.incremental, lift.incremental_ci, credited) };
    });
    tests.push({
      channel: test.channel,
      source: test.source,
      experiment_id: lift.experiment_id,
      variant: lift.variant,
      period: lift.days,
      period_conversions: inPeriod.conversions,
      incremental: lift.incremental,
      incremental_ci: lift.incremental_ci,
      models,
      ...staleness(lift.days[1], dataEnd, spec.stale_after_days),
    });
  }

  const models = full.models.map((m, k): AdjustedModel => {
    const factors = new Map(tests.map((t) => [t.channel, t.models[k]!.factor]));
    const channels = adjustCredit(m.channels, factors);
    return { model: m.model, params: modelParams(attribution.models[k]!), channels, adjusted_conversions: channels.reduce((s, c) => s + c.adjusted_conversions, 0) };
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
