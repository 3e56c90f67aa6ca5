/**
 * The geo test planner. It backtests the TBR readout on history: every placement of a
 * `duration_days` test window (with the `pre_days` before it as pre-period) is read as if it
 * had been a test. With no real test in the history, window w gives a null effect C0_w and
 * the half-width h_w of its interval; a test that multiplies the treated geos' metric by
 * (1 + L) adds L * sum_test(y) to the effect and leaves the interval's width unchanged (it
 * depends only on the pre-period and on x), so the window detects L (lower bound > 0) exactly
 * when L > L*_w = (h_w - C0_w) / sum_test(y). The minimum detectable lift at the spec's power is
 * the smallest L detected in at least that share of windows, and the chance of detecting the
 * expected lift is the share of windows with L*_w < expected_lift: no simulation noise.
 */
import type { QueryEngine } from '../../engine';
import { daysBetween } from '../../specs/geo-experiment-spec';
import type { GeoPlanSpec } from '../../specs/geo-plan-spec';
import { SpecError } from '../../specs/spec-error';
import { estimateEffect } from './effect-interval';
import { preFitQuality, type PreFit } from './fit-quality';
import { allGeos, checkKnownGeos, checkMetricColumn, dailySumsOver, GeoDataError, geoSeries, periodDays } from './geo-inputs';
import { queryRows } from '../sql';
import { geoDateRangeSql } from './geo-sql';
import { fitTbr, tbrCounterfactual } from './tbr';

export interface BacktestWindow {
  test_start: string;
  test_end: string;
  /** the effect read where nothing was done: what noise alone produces */
  null_effect: number;
  /** half-width of the effect interval; null where the interval is undefined */
  half_width: number | null;
  /** the smallest relative lift this window would detect; null where it detects none */
  min_detectable_lift: number | null;
}

export interface GeoPlanResult {
  kind: 'geo_plan';
  method: 'tbr';
  metric: string;
  treatment_geos: string[];
  /** true when the planner chose the treatment geos */
  proposed: boolean;
  /** the greedy choice, step by step: the geo added and the relative residual sd of the group after adding it */
  proposal_steps: { geo_id: string; relative_sigma: number | null }[] | null;
  control_geos: string[];
  history: [string, string];
  duration_days: number;
  pre_days: number;
  alpha: number;
  power: number;
  expected_lift: number;
  /** share of the metric the treatment geos hold over the history */
  treatment_share: number | null;
  /** TBR fit of the treatment on the control over the whole history */
  pre_fit: PreFit;
  windows: number;
  /** smallest relative lift detected (interval above 0) in at least `power` of the windows; null if none is */
  mde: number | null;
  /** that lift in metric units over a test, at the windows' mean treated total */
  mde_effect: number | null;
  /** share of windows that would detect `expected_lift` */
  detection_probability: number;
  /** share of windows whose interval excludes 0 with no effect at all (about alpha when the model holds) */
  false_positive_rate: number;
  backtest: BacktestWindow[];
}

interface Series {
  y: readonly number[];
  x: readonly number[];
}

/** Reads every window; `dates` are the consecutive days of y and x. */
export function backtestWindows(
  series: Series,
  dates: readonly string[],
  preDays: number,
  duration: number,
  alpha: number,
): (BacktestWindow & { sumY: number })[] {
  const out: (BacktestWindow & { sumY: number })[] = [];
  for (let start = preDays; start + duration <= dates.length; start++) {
    const preX = series.x.slice(start - preDays, start);
    const preY = series.y.slice(start - preDays, start);
    const testX = series.x.slice(start, start + duration);
    const testY = series.y.slice(start, start + duration);
    const model = fitTbr(preX, preY);
    const e = estimateEffect(preY, testY, dates.slice(start, start + duration), tbrCounterfactual(model, preX, testX), alpha);
    const half = e.effect_ci ? e.effect_ci[1] - e.effect : null;
    const minLift = half !== null && e.actual > 0 ? (half - e.effect) / e.actual : null;
    out.push({
      test_start: dates[start] as string,
      test_end: dates[start + duration - 1] as string,
      null_effect: e.effect,
      half_width: half,
      min_detectable_lift: minLift,
      sumY: e.actual,
    });
  }
  return out;
}

/** MDE at `power`, detection chance of `expected`, and the false positive rate, from the windows. */
export function summarisePower(
  windows: readonly (BacktestWindow & { sumY: number })[],
  power: number,
  expected: number,
): { mde: number | null; mdeEffect: number | null; detection: number; falsePositive: number } {
  const w = windows.length;
  const lifts = windows.map((x) => x.min_detectable_lift ?? Infinity).sort((a, b) => a - b);
  const k = Math.ceil(power * w - 1e-9);
  const mde = k >= 1 && k <= w && Number.isFinite(lifts[k - 1]) ? (lifts[k - 1] as number) : null;
  const meanY = windows.reduce((s, x) => s + x.sumY, 0) / Math.max(1, w);
  const detection = windows.filter((x) => x.min_detectable_lift !== null && x.min_detectable_lift < expected).length / Math.max(1, w);
  const falsePositive = windows.filter((x) => x.half_width !== null && Math.abs(x.null_effect) > x.half_width).length / Math.max(1, w);
  return { mde, mdeEffect: mde === null ? null : mde * meanY, detection, falsePositive };
}

/** Residual sd of the TBR fit over the history relative to the treatment's mean: the noise a test must beat. */
function relativeSigma(y: readonly number[], x: readonly number[]): number | null {
  const model = fitTbr(x, y);
  const fit = tbrCounterfactual(model, x, []);
  let rss = 0;
  y.forEach((v, i) => (rss += (v - (fit.prePred[i] as number)) ** 2));
  const mean = y.reduce((s, v) => s + v, 0) / Math.max(1, y.length);
  return y.length > 2 && mean > 0 ? Math.sqrt(rss / (y.length - 2)) / mean : null;
}

/**
 * Greedy proposal: add, one at a time, the candidate geo whose addition gives the group whose
 * daily series the remaining geos predict best (lowest relative residual sd of the TBR fit over
 * the history). Ties go to the geo id that sorts first.
 */
export function proposeTreatment(
  perGeo: ReadonlyMap<string, readonly number[]>,
  candidates: readonly string[],
  fixedControl: readonly string[] | null,
  count: number,
): { geo_id: string; relative_sigma: number | null }[] {
  const geos = [...perGeo.keys()];
  const length = perGeo.get(geos[0] as string)?.length ?? 0;
  const sum = (ids: readonly string[]): number[] => {
    const out = new Array<number>(length).fill(0);
    for (const g of ids) perGeo.get(g)?.forEach((v, t) => (out[t] = (out[t] as number) + v));
    return out;
  };
  const chosen: string[] = [];
  const steps: { geo_id: string; relative_sigma: number | null }[] = [];
  for (let step = 0; step < count; step++) {
    let best: { geo: string; score: number | null } | null = null;
    for (const c of candidates) {
      if (chosen.includes(c)) continue;
      const group = [...chosen, c];
      const control = fixedControl ?? geos.filter((g) => !group.includes(g));
      if (control.length === 0) continue;
      const score = relativeSigma(sum(group), sum(control));
      const better = best === null || (score !== null && (best.score === null || score < best.score));
      if (better) best = { geo: c, score };
    }
    if (!best) break;
    chosen.push(best.geo);
    steps.push({ geo_id: best.geo, relative_sigma: best.score });
  }
  return steps;
}

async function historyOf(db: QueryEngine, spec: GeoPlanSpec): Promise<[string, string]> {
  if (spec.history !== null) return spec.history;
  const [row] = await queryRows<{ first: string | null; last: string | null }>(db, geoDateRangeSql());
  if (!row?.first || !row.last) throw new GeoDataError('geo_sales has no rows: there is no history to plan from', 'geo_sales');
  return [row.first, row.last];
}

export async function planGeoTest(db: QueryEngine, spec: GeoPlanSpec): Promise<GeoPlanResult> {
  await checkMetricColumn(db, spec.metric, 'metric');
  const geos = await allGeos(db);
  if (geos.length < 2) throw new GeoDataError('geo_sales needs at least two geos to plan a geo test', 'geo_sales');
  const known = new Set(geos);
  if (spec.treatment_geos) checkKnownGeos(known, spec.treatment_geos, 'treatment_geos');
  if (spec.control_geos) checkKnownGeos(known, spec.control_geos, 'control_geos');
  const history = await historyOf(db, spec);
  const preDays = spec.pre_days ?? 3 * spec.duration_days;
  const days = daysBetween(history[0], history[1]) + 1;
  if (preDays + spec.duration_days > days) {
    throw new SpecError(
      'invalid_spec',
      `duration_days: a ${spec.duration_days}-day test after a ${preDays}-day pre-period needs ${preDays + spec.duration_days} days of history, but ${history[0]}..${history[1]} holds ${days}`,
      'duration_days',
    );
  }

  let treatment: string[];
  let steps: GeoPlanResult['proposal_steps'] = null;
  if (spec.treatment_geos !== null) {
    treatment = [...spec.treatment_geos].sort();
  } else {
    const fixed = spec.control_geos ? new Set(spec.control_geos) : null;
    const candidates = geos.filter((g) => !fixed?.has(g));
    const count = spec.treatment_count as number;
    if (count >= geos.length || count > candidates.length) {
      throw new SpecError(
        'invalid_spec',
        `treatment_count ${count} leaves no control geo (geo_sales has ${geos.length} geos, ${candidates.length} of them candidates)`,
        'treatment_count',
      );
    }
    const dates = periodDays(history);
    const series = await geoSeries(db, spec.metric, geos, dates, []);
    const perGeo = new Map([...series].map(([g, s]) => [g, s.pre]));
    steps = proposeTreatment(perGeo, candidates, spec.control_geos, count);
    treatment = steps.map((s) => s.geo_id).sort();
  }
  const treated = new Set(treatment);
  const control = spec.control_geos ? [...spec.control_geos].sort() : geos.filter((g) => !treated.has(g));
  if (control.length === 0)
    throw new SpecError('invalid_spec', 'control_geos: every geo of geo_sales is treated, so there is no control group', 'control_geos');

  const sums = await dailySumsOver(db, spec.metric, treatment, control, history, 'history');
  const windows = backtestWindows(sums, sums.dates, preDays, spec.duration_days, spec.alpha);
  const summary = summarisePower(windows, spec.power, spec.expected_lift);
  const totalY = sums.y.reduce((s, v) => s + v, 0);
  const totalX = sums.x.reduce((s, v) => s + v, 0);
  const full = tbrCounterfactual(fitTbr(sums.x, sums.y), sums.x, []);

  return {
    kind: 'geo_plan',
    method: 'tbr',
    metric: spec.metric,
    treatment_geos: treatment,
    proposed: spec.treatment_geos === null,
    proposal_steps: steps,
    control_geos: control,
    history,
    duration_days: spec.duration_days,
    pre_days: preDays,
    alpha: spec.alpha,
    power: spec.power,
    expected_lift: spec.expected_lift,
    treatment_share: totalX + totalY !== 0 ? totalY / (totalX + totalY) : null,
    pre_fit: preFitQuality(sums.y, full.prePred),
    windows: windows.length,
    mde: summary.mde,
    mde_effect: summary.mdeEffect,
    detection_probability: summary.detection,
    false_positive_rate: summary.falsePositive,
    backtest: windows.map(({ sumY: _sumY, ...w }) => w),
  };
}
