/**
 * SPEC section 9: a geo experiment's effect by time-based regression or synthetic control,
 * with the SPEC's output fields plus the inputs a readout needs (resolved geos, incremental
 * spend, the pre-period fit per day, the placebo ratios).
 */
import type { QueryEngine } from '../../engine';
import type { GeoExperimentSpec, GeoMethod } from '../../specs/geo-experiment-spec';
import { estimateEffect, type CounterfactualFit, type DailyEffect } from './effect-interval';
import { preFitQuality, type PreFit } from './fit-quality';
import { checkMetricColumn, dailySums, geoSeries, resolveGeos, type DailySums } from './geo-inputs';
import { fitSyntheticControl, placeboPValue, placeboRatios, rmspeRatio, type DonorSeries } from './synthetic-control';
import { fitTbr, tbrCounterfactual } from './tbr';

export interface GeoExperimentResult {
  kind: 'geo_experiment';
  method: GeoMethod;
  metric: string;
  treatment_geos: string[];
  control_geos: string[];
  pre_period: [string, string];
  test_period: [string, string];
  alpha: number;
  /** sum of the metric over the treatment geos and test days */
  actual: number;
  counterfactual: number;
  effect: number;
  effect_ci: [number, number] | null;
  rel_lift: number | null;
  /** synthetic control: the placebo-rank p-value (null with a single control geo); TBR: null */
  p_value: number | null;
  /** synthetic control: weight per control geo (all of them, ascending by id); TBR: null */
  weights: Record<string, number> | null;
  /** TBR: the fitted line; synthetic control: null */
  tbr: { intercept: number; slope: number } | null;
  /** residual standard deviation of the pre-period fit (null with fewer than 3 pre days) */
  sigma: number | null;
  /** effect of the same method on spend_metric; null without one */
  incremental_spend: number | null;
  incremental_spend_ci: [number, number] | null;
  /** effect / incremental spend; null without spend_metric or when incremental spend is 0 */
  iroas: number | null;
  pre_fit: PreFit;
  /** one entry per test day: actual, counterfactual with its prediction interval, daily and cumulative effect with band */
  daily: DailyEffect[];
  /** one entry per pre-period day: actual and the fitted counterfactual */
  pre_daily: { date: string; actual: number; counterfactual: number }[];
  /** synthetic control: post/pre RMSPE ratio of the treated group and of every placebo (null for +Infinity) */
  placebo: { treated_ratio: number | null; rank: number | null; ratios: { geo_id: string; ratio: number | null }[] } | null;
}

interface MethodFit {
  fit: CounterfactualFit;
  tbr: { intercept: number; slope: number } | null;
  weights: Record<string, number> | null;
  placebo: GeoExperimentResult['placebo'];
  pValue: number | null;
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

async function fitMethod(
  db: QueryEngine,
  spec: GeoExperimentSpec,
  column: string,
  control: readonly string[],
  sums: DailySums,
  withPlacebo: boolean,
): Promise<MethodFit> {
  if (spec.method === 'tbr') {
    const model = fitTbr(sums.preX, sums.preY);
    return { fit: tbrCounterfactual(model, sums.preX, sums.testX), tbr: model, weights: null, placebo: null, pValue: null };
  }
  const series = await geoSeries(db, column, control, sums.preDates, sums.testDates);
  const donors: DonorSeries[] = control.map((g) => series.get(g) as DonorSeries);
  const { weights, fit } = fitSyntheticControl(donors, sums.preY);
  let placebo: GeoExperimentResult['placebo'] = null;
  let pValue: number | null = null;
  if (withPlacebo) {
    const treatedRatio = rmspeRatio(sums.preY, fit, sums.testY);
    const ratios = placeboRatios(donors);
    const ranked = placeboPValue(treatedRatio, ratios);
    pValue = ranked?.p_value ?? null;
    placebo = {
      treated_ratio: finiteOrNull(treatedRatio),
      rank: ranked?.rank ?? null,
      ratios: ratios.map((r, j) => ({ geo_id: control[j] as string, ratio: finiteOrNull(r) })),
    };
  }
  return {
    fit,
    tbr: null,
    weights: Object.fromEntries(control.map((g, j) => [g, weights[j] as number])),
    placebo,
    pValue,
  };
}

export async function runGeoExperiment(db: QueryEngine, spec: GeoExperimentSpec): Promise<GeoExperimentResult> {
  await checkMetricColumn(db, spec.metric, 'metric');
  if (spec.spend_metric !== null) await checkMetricColumn(db, spec.spend_metric, 'spend_metric');
  const { treatment, control } = await resolveGeos(db, spec.treatment_geos, spec.control_geos);

  const sums = await dailySums(db, spec.metric, treatment, control, spec.pre_period, spec.test_period);
  const main = await fitMethod(db, spec, spec.metric, control, sums, true);
  const estimate = estimateEffect(sums.preY, sums.testY, sums.testDates, main.fit, spec.alpha);

  let incrementalSpend: number | null = null;
  let incrementalSpendCi: [number, number] | null = null;
  let spendIsZero = false;
  if (spec.spend_metric !== null) {
    const spendSums = await dailySums(db, spec.spend_metric, treatment, control, spec.pre_period, spec.test_period);
    const spendFit = await fitMethod(db, spec, spec.spend_metric, control, spendSums, false);
    const spend = estimateEffect(spendSums.preY, spendSums.testY, spendSums.testDates, spendFit.fit, spec.alpha);
    incrementalSpend = spend.effect;
    incrementalSpendCi = spend.effect_ci;
    // An incremental spend that is 0 up to rounding (below 1e-9 of the test's spend) has no ratio: dividing by rounding noise is not an iROAS.
    if (Math.abs(spend.effect) <= 1e-9 * Math.max(Math.abs(spend.actual), Math.abs(spend.counterfactual))) spendIsZero = true;
  }
  const iroas = incrementalSpend !== null && incrementalSpend !== 0 && !spendIsZero ? estimate.effect / incrementalSpend : null;

  return {
    kind: 'geo_experiment',
    method: spec.method,
    metric: spec.metric,
    treatment_geos: treatment,
    control_geos: control,
    pre_period: spec.pre_period,
    test_period: spec.test_period,
    alpha: spec.alpha,
    actual: estimate.actual,
    counterfactual: estimate.counterfactual,
    effect: estimate.effect,
    effect_ci: estimate.effect_ci,
    rel_lift: estimate.rel_lift,
    p_value: main.pValue,
    weights: main.weights,
    tbr: main.tbr,
    sigma: estimate.sigma,
    incremental_spend: incrementalSpend,
    incremental_spend_ci: incrementalSpendCi,
    iroas: iroas !== null && Number.isFinite(iroas) ? iroas : null,
    pre_fit: preFitQuality(sums.preY, main.fit.prePred),
    daily: estimate.daily,
    pre_daily: sums.preDates.map((date, i) => ({ date, actual: sums.preY[i] as number, counterfactual: main.fit.prePred[i] as number })),
    placebo: main.placebo,
  };
}
