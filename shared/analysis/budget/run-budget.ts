import type { QueryEngine } from '../../engine';
import { DEFAULT_BOUNDS, type BudgetSpec } from '../../specs/budget-spec';
import { SpecError } from '../../specs/spec-error';
import { allocate, type AllocationChannel } from './allocate';
import { queryRows } from '../sql';
import { dataSpanSql, weeklyChannelSql } from './budget-sql';
import { fitCurve } from './fit-curve';
import { liftInterval } from './lift-interval';
import { predictWeekly, steadyMarginal, steadyMedia, type ResponseCurve } from './response-curve';
import { weeklySeries, type DataSpan, type WeeklyRow, type WeeklySeries } from './weekly-series';

/**
 * SPEC section 10: fit each channel's response, then split `budget / weeks` per week over the
 * channels (docs/planning.md has the method, its assumptions and its limits).
 */
export interface BudgetWarning {
  code: 'poor_identification' | 'no_spend';
  message: string;
}

export interface BudgetChannelResult {
  channel: string;
  current_weekly_spend: number;
  recommended_weekly_spend: number;
  expected_weekly_current: number;
  expected_weekly_recommended: number;
  roi_current: number | null;
  roi_recommended: number | null;
  marginal_roi_current: number | null;
  marginal_roi_recommended: number | null;
  /** [weekly spend, expected weekly metric above the baseline] at steady state */
  curve: [number, number][];
  fit: { r2: number | null; mape: number | null };
  model: { decay: number; shape: number; half_saturation: number; baseline: number; beta: number };
  warnings: BudgetWarning[];
}

export interface BudgetResult {
  kind: 'budget';
  metric: BudgetSpec['metric'];
  weeks: number;
  budget: number;
  channels: BudgetChannelResult[];
  total: { expected_weekly_current: number; expected_weekly_recommended: number; lift: number; lift_ci: [number, number] };
}

/** Below this coefficient of variation of weekly spend the curve is not identified by the data. */
export const POOR_IDENTIFICATION_CV = 0.1;
/** Share of the complete weeks held out, at the end, to validate each fit. */
export const HOLDOUT_SHARE = 0.2;
export const CURVE_POINTS = 21;

interface ChannelModel {
  channel: string;
  spend: number[];
  metric: number[];
  curve: ResponseCurve;
  current: number;
  lo: number;
  hi: number;
  fit: { r2: number | null; mape: number | null };
  poor: boolean;
  cv: number | null;
  maxWeekly: number;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}

/** Fits on the first 80% of the complete weeks and scores the last 20% (r2, MAPE). */
function holdoutScore(spend: number[], metric: number[], complete: readonly number[]): { r2: number | null; mape: number | null } {
  const nHold = complete.length >= 5 ? Math.max(1, Math.round(complete.length * HOLDOUT_SHARE)) : 0;
  if (nHold === 0) return { r2: null, mape: null };
  const train = complete.slice(0, complete.length - nHold);
  const hold = complete.slice(complete.length - nHold);
  const predicted = predictWeekly(fitCurve(spend, metric, train).curve, spend);
  const y = hold.map((w) => metric[w] as number);
  const yHat = hold.map((w) => predicted[w] as number);
  const yBar = mean(y);
  const sst = y.reduce((s, v) => s + (v - yBar) ** 2, 0);
  const sse = y.reduce((s, v, i) => s + (v - (yHat[i] as number)) ** 2, 0);
  const ape = y.flatMap((v, i) => (v !== 0 ? [Math.abs(v - (yHat[i] as number)) / Math.abs(v)] : []));
  return { r2: sst > 0 ? 1 - sse / sst : null, mape: ape.length > 0 ? mean(ape) : null };
}

function coefficientOfVariation(values: readonly number[]): number | null {
  const m = mean(values);
  if (!(m > 0)) return null;
  return Math.sqrt(mean(values.map((v) => (v - m) ** 2))) / m;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function checkChannels(spec: BudgetSpec, known: readonly string[]): string[] {
  const list = (): string => (known.length > 0 ? known.join(', ') : 'none');
  if (spec.channels !== null) {
    spec.channels.forEach((c, i) => {
      if (!known.includes(c))
        throw new SpecError('unknown_channel', `channels[${i}] "${c}" is not a channel in campaign_performance; its channels are ${list()}`, `channels[${i}]`);
    });
  }
  for (const name of Object.keys(spec.bounds ?? {})) {
    if (!known.includes(name))
      throw new SpecError(
        'unknown_channel',
        `bounds.${name} names a channel that is not in campaign_performance; its channels are ${list()}`,
        `bounds.${name}`,
      );
  }
  return spec.channels ?? [...known];
}

function feasibility(models: readonly { lo: number; hi: number }[], target: number): 'low' | 'high' | null {
  const sumLo = models.reduce((s, m) => s + m.lo, 0);
  const sumHi = models.reduce((s, m) => s + m.hi, 0);
  const tol = 1e-9 * Math.max(1, target);
  if (sumLo > target + tol) return 'low';
  if (sumHi < target - tol) return 'high';
  return null;
}

/** Every channel's weekly spend and metric from campaign_performance (two small queries). */
export async function loadWeeklySeries(db: QueryEngine, spec: Pick<BudgetSpec, 'metric'>): Promise<WeeklySeries> {
  const rows = await queryRows<WeeklyRow & Record<string, unknown>>(db, weeklyChannelSql(spec));
  const [span] = await queryRows<DataSpan & Record<string, unknown>>(db, dataSpanSql());
  return weeklySeries(rows, span ?? { first_day: null, last_day: null, days: 0, weeks: 0 });
}

export async function runBudget(db: QueryEngine, spec: BudgetSpec): Promise<BudgetResult> {
  const series = await loadWeeklySeries(db, spec);
  const known = [...series.channels.keys()].sort();
  const names = checkChannels(spec, known);
  const complete = series.complete.flatMap((c, i) => (c ? [i] : []));
  if (complete.length === 0) {
    throw new SpecError(
      'insufficient_data',
      'campaign_performance holds no complete ISO week (Monday to Sunday inside its first and last date), so there is no current spend to plan from',
      'weeks',
    );
  }
  const window = complete.slice(-spec.weeks);
  const target = spec.budget / spec.weeks;

  // Bounds first: an infeasible plan is refused before any curve is fitted.
  const limits = names.map((channel) => {
    const data = series.channels.get(channel) as { spend: number[]; metric: number[] };
    const current = mean(window.map((i) => data.spend[i] as number));
    const [loX, hiX] = spec.bounds?.[channel] ?? DEFAULT_BOUNDS;
    return { channel, data, current, lo: loX * current, hi: hiX * current };
  });
  const infeasible = feasibility(limits, target);
  if (infeasible !== null) {
    const need = limits.reduce((acc, m) => acc + (infeasible === 'low' ? m.lo : m.hi), 0);
    throw new SpecError(
      'infeasible_bounds',
      infeasible === 'low'
        ? `bounds are infeasible: their lower limits need at least ${fmt(need)} per week, more than budget / weeks = ${fmt(target)}; lower the bounds or raise the budget`
        : `bounds are infeasible: their upper limits allow at most ${fmt(need)} per week, less than budget / weeks = ${fmt(target)}; raise the bounds or lower the budget (a channel with no recent spend can only stay at 0)`,
      'bounds',
    );
  }

  const models: ChannelModel[] = limits.map(({ channel, data, current, lo, hi }) => {
    const cv = coefficientOfVariation(complete.map((i) => data.spend[i] as number));
    return {
      channel,
      spend: data.spend,
      metric: data.metric,
      curve: fitCurve(data.spend, data.metric, complete).curve,
      current,
      lo,
      hi,
      fit: holdoutScore(data.spend, data.metric, complete),
      poor: cv !== null && cv < POOR_IDENTIFICATION_CV,
      cv,
      maxWeekly: Math.max(0, ...complete.map((i) => data.spend[i] as number)),
    };
  });

  // A channel whose spend barely varied keeps its current spend (within its bounds) when the
  // others can absorb the rest: its curve away from that spend is a guess.
  const held = models.map((m) => (m.poor ? Math.min(m.hi, Math.max(m.lo, m.current)) : null));
  const withHolds = models.map((m, i) => ({ ...m, lo: held[i] ?? m.lo, hi: held[i] ?? m.hi }));
  const holding = held.some((h) => h !== null) && feasibility(withHolds, target) === null;
  const plan = holding ? withHolds : models;
  const channels: AllocationChannel[] = plan.map((m) => ({ lo: m.lo, hi: m.hi, response: (x: number) => steadyMedia(m.curve, x) }));
  const recommended = allocate(channels, target);
  // Put any floating-point drift on the channel with the most room, so the split sums to target.
  const drift = target - recommended.reduce((acc, v) => acc + v, 0);
  if (drift !== 0) {
    let k = 0;
    plan.forEach((m, i) => {
      const room = drift > 0 ? m.hi - (recommended[i] as number) : (recommended[i] as number) - m.lo;
      const best = drift > 0 ? (plan[k] as ChannelModel).hi - (recommended[k] as number) : (recommended[k] as number) - (plan[k] as ChannelModel).lo;
      if (room > best) k = i;
    });
    recommended[k] = (recommended[k] as number) + drift;
  }

  const out: BudgetChannelResult[] = models.map((m, i) => {
    const rec = recommended[i] as number;
    const cur = m.current;
    const expCur = m.curve.base + steadyMedia(m.curve, cur);
    const expRec = m.curve.base + steadyMedia(m.curve, rec);
    const top = Math.max(m.hi, cur, rec, m.maxWeekly);
    const curve: [number, number][] =
      top > 0
        ? Array.from({ length: CURVE_POINTS }, (_, k) => {
            const x = (top * k) / (CURVE_POINTS - 1);
            return [x, steadyMedia(m.curve, x)];
          })
        : [[0, 0]];
    const warnings: BudgetWarning[] = [];
    if (m.poor) {
      warnings.push({
        code: 'poor_identification',
        message: `weekly spend varied by only ${fmt((m.cv ?? 0) * 100)}% (coefficient of variation) over the ${complete.length} complete weeks, so the data cannot tell how ${spec.metric} responds away from the current spend${holding ? '; it is kept at its current spend (within its bounds)' : ''}`,
      });
    }
    if (m.cv === null)
      warnings.push({ code: 'no_spend', message: 'no spend in the complete weeks: no curve can be fitted, and bounds are multiples of a current spend of 0' });
    return {
      channel: m.channel,
      current_weekly_spend: cur,
      recommended_weekly_spend: rec,
      expected_weekly_current: expCur,
      expected_weekly_recommended: expRec,
      roi_current: cur > 0 ? expCur / cur : null,
      roi_recommended: rec > 0 ? expRec / rec : null,
      marginal_roi_current: steadyMarginal(m.curve, cur),
      marginal_roi_recommended: steadyMarginal(m.curve, rec),
      curve,
      fit: m.fit,
      model: { decay: m.curve.decay, shape: m.curve.shape, half_saturation: m.curve.halfSaturation, baseline: m.curve.base, beta: m.curve.beta },
      warnings,
    };
  });

  const totalCurrent = out.reduce((acc, c) => acc + c.expected_weekly_current, 0);
  const totalRecommended = out.reduce((acc, c) => acc + c.expected_weekly_recommended, 0);
  const lift = out.reduce((acc, c) => acc + (c.expected_weekly_recommended - c.expected_weekly_current), 0);
  const ci = liftInterval(
    models.map((m, i) => ({ spend: m.spend, metric: m.metric, weeks: complete, curve: m.curve, current: m.current, recommended: recommended[i] as number })),
    lift,
  );
  return {
    kind: 'budget',
    metric: spec.metric,
    weeks: spec.weeks,
    budget: spec.budget,
    channels: out,
    total: { expected_weekly_current: totalCurrent, expected_weekly_recommended: totalRecommended, lift, lift_ci: ci },
  };
}
