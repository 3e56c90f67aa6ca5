import { formatByUnit, formatCurrency, formatPValue, formatSignedPercent, pluralize } from '../../../../shared/format';

/** One variant of one metric as `meshwork analyze` prints it (docs/spec.md section 5). */
export interface VariantResult {
  variant: string;
  users: number;
  mean: number;
  diff?: number;
  diff_ci?: [number, number] | null;
  p_value?: number | null;
  rel_lift?: number | null;
  rel_lift_ci?: [number, number] | null;
  rel_p_value?: number | null;
  chance_to_win?: number;
  ci?: [number, number];
  risk?: [number, number];
  p_value_adjusted?: number;
  significant?: boolean;
  guardrail_harm?: boolean;
  error?: string;
}

export type Engine = 'frequentist' | 'sequential' | 'bayesian';
export type Correction = 'none' | 'holm' | 'bh';
/** How a metric's values read: a rate in percent, money, or a plain number (a count ratio). */
export type MetricUnit = 'percent' | 'currency' | 'decimal';

export interface ReadoutContext {
  /** The metric in words, e.g. "purchase rate". */
  metricLabel: string;
  unit: MetricUnit;
  /** Lower is better: a fall is the good outcome. */
  inverse: boolean;
  alpha: number;
  engine: Engine;
  correction: Correction;
  /** (metric, variant) pairs in the correction's family, for "after correcting for N comparisons". */
  comparisons: number;
}

/**
 * What one comparison says, in one place, so the sentence, the table row and the forest plot
 * can never disagree: the interval shown, its p-value (or chance to win), the verdict.
 * - `better` / `worse`: the shown interval excludes zero (and survives the correction); better
 *   is a rise, or a fall for an inverse metric.
 * - `unclear`: the interval includes zero, or only the uncorrected one excluded it.
 * - `untestable`: the engine ran no test (`error`).
 */
export interface Reading {
  verdict: 'better' | 'worse' | 'unclear' | 'untestable';
  /** `relative` (lift over control) normally; `absolute` where the control mean is 0. */
  scale: 'relative' | 'absolute' | null;
  estimate: number | null;
  interval: [number, number] | null;
  /** The p-value of the interval shown (`rel_p_value` for a relative one); null for Bayesian. */
  pValue: number | null;
  /** With a correction: the adjusted p-value of this pair (adjusted on the difference's test). */
  pAdjusted: number | null;
  chanceToWin: number | null;
  sentence: string;
}

export const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** A value of the metric ("6.1%", "$42.10", "1.85"). */
export function formatValue(value: number | null | undefined, unit: MetricUnit): string {
  return formatByUnit(value, unit);
}

/** An absolute difference: percentage points for rates, signed money, or a signed number. */
export function formatDifference(value: number | null | undefined, unit: MetricUnit): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return formatByUnit(null, 'decimal');
  const sign = value > 0 ? '+' : value < 0 ? '-' : '';
  const abs = Math.abs(value);
  if (unit === 'percent') return `${sign}${(abs * 100).toLocaleString('en-US', { maximumFractionDigits: 2 })} pp`;
  if (unit === 'currency') return `${sign}${formatCurrency(abs)}`;
  return `${sign}${abs.toLocaleString('en-US', { maximumFractionDigits: 3 })}`;
}

/** An effect on the scale it is read on: a relative lift in percent, or an absolute difference. */
export function formatEffect(value: number | null | undefined, scale: 'relative' | 'absolute', unit: MetricUnit): string {
  return scale === 'relative' ? formatSignedPercent(value) : formatDifference(value, unit);
}

/** The engine's reason for not testing, as a sentence a marketer can act on. */
export function plainError(error: string): string {
  const few = /^fewer than 2 users in (.+)$/.exec(error);
  if (few) return `${few[1]} has fewer than 2 users, so there is nothing to compare yet`;
  const flat = /^zero variance in (.+)$/.exec(error);
  if (flat) return `every user in ${flat[1]} has the same value (often: nobody converted yet), so there is no spread to test against`;
  if (/variance/.test(error)) return 'the two arms give a difference with no spread at all, so no test is possible';
  const zero = /^the mean of (.+) is 0/.exec(error);
  if (zero) return `${zero[1]} is at zero, so a relative change cannot be computed`;
  return error;
}

function excludesZero(ci: [number, number] | null): boolean {
  return ci !== null && (ci[0] > 0 || ci[1] < 0);
}

/** Reads one treatment against control; see `Reading`. */
export function readVariant(ctx: ReadoutContext, control: VariantResult, t: VariantResult): Reading {
  const name = capitalise(t.variant);
  const from = formatValue(control.mean, ctx.unit);
  const to = formatValue(t.mean, ctx.unit);
  const bayes = ctx.engine === 'bayesian';
  const relative = t.rel_lift_ci !== undefined && t.rel_lift_ci !== null && typeof t.rel_lift === 'number';
  const absolute = !relative && t.diff_ci !== undefined && t.diff_ci !== null && typeof t.diff === 'number';
  // The correction adjusts p-values; a Bayesian reading has none to adjust, so it shows none.
  const pAdjusted = ctx.correction !== 'none' && !bayes && typeof t.p_value_adjusted === 'number' ? t.p_value_adjusted : null;
  if (!relative && !absolute) {
    return {
      verdict: 'untestable',
      scale: null,
      estimate: null,
      interval: null,
      pValue: null,
      pAdjusted: null,
      chanceToWin: null,
      sentence: `${name} could not be compared with ${control.variant} on ${ctx.metricLabel} (${to} vs ${from}): ${plainError(t.error ?? 'no test was run')}.`,
    };
  }
  const scale = relative ? 'relative' : 'absolute';
  // The Bayesian engine's interval is its credible interval on the relative lift; its centre is
  // the posterior mean (the prior can pull it away from the observed lift).
  const useCredible = bayes && relative && t.ci !== undefined;
  const interval = (useCredible ? t.ci : relative ? t.rel_lift_ci : t.diff_ci) as [number, number];
  const estimate = useCredible ? (interval[0] + interval[1]) / 2 : ((relative ? t.rel_lift : t.diff) as number);
  const pValue = useCredible ? null : ((relative ? t.rel_p_value : t.p_value) ?? null);
  const chanceToWin = useCredible && typeof t.chance_to_win === 'number' ? t.chance_to_win : null;
  const level = `${Math.round((1 - ctx.alpha) * 1000) / 10}%`;
  const range = `between ${formatEffect(interval[0], scale, ctx.unit)} and ${formatEffect(interval[1], scale, ctx.unit)}`;
  const evidence = useCredible
    ? `${level} credible interval ${range.replace('between ', '').replace(' and ', ' to ')}, ${formatSignedPercent(chanceToWin).replace('+', '')} chance ${t.variant} is better`
    : `${level} CI ${range.replace('between ', '').replace(' and ', ' to ')}, ${formatPValue(pValue)}`;
  const corrected = pAdjusted !== null ? `; adjusted for ${pluralize(ctx.comparisons, 'comparison')}: ${formatPValue(pAdjusted)}` : '';
  const clear = excludesZero(interval);
  const survives = !clear || ctx.correction === 'none' || bayes || t.significant !== false;
  if (!clear || !survives) {
    const why = clear ? ` once corrected for ${pluralize(ctx.comparisons, 'comparison')}` : '';
    return {
      verdict: 'unclear',
      scale,
      estimate,
      interval,
      pValue,
      pAdjusted,
      chanceToWin,
      sentence: `${name} showed no clear difference in ${ctx.metricLabel}${why} (${to} vs ${from} for ${control.variant}): the effect is plausibly ${range} (${evidence}${corrected}).`,
    };
  }
  const up = interval[0] > 0;
  const good = up !== ctx.inverse;
  const note = ctx.inverse ? (good ? ' Lower is better here, so this is an improvement.' : ' Lower is better here, so this is a deterioration.') : '';
  return {
    verdict: good ? 'better' : 'worse',
    scale,
    estimate,
    interval,
    pValue,
    pAdjusted,
    chanceToWin,
    sentence: `${name} ${up ? 'raised' : 'lowered'} ${ctx.metricLabel} from ${from} to ${to} (${formatEffect(estimate, scale, ctx.unit)}, ${evidence}${corrected}).${note}`,
  };
}

/** The guardrail warning for a variant flagged by the engine, whatever the goal metrics say. */
export function guardrailWarning(ctx: ReadoutContext, t: VariantResult): string | null {
  if (t.guardrail_harm !== true) return null;
  return `Guardrail harmed: ${t.variant} made ${ctx.metricLabel} significantly ${ctx.inverse ? 'higher' : 'lower'}, the bad direction. Do not ship ${t.variant} on the strength of the goal metric alone.`;
}
