import { formatCount, formatCurrency, formatDecimal, formatSignedPercent } from '../../../../shared/format';

/** The parts of a geo_experiment result the sentence reads. */
export interface GeoReadoutInput {
  channel: string | null;
  metric: string;
  effect: number;
  effect_ci: [number, number] | null;
  rel_lift: number | null;
  incremental_spend: number | null;
  iroas: number | null;
  alpha: number;
}

/** `paid_social` -> `Paid social`. */
export function channelLabel(channel: string): string {
  const words = channel.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An amount of the metric: revenue as compact dollars, orders as a count with its noun, anything else as a number. */
export function metricAmount(metric: string, value: number): string {
  if (metric === 'revenue') return `${formatCurrency(value, { compact: true })} of revenue`;
  if (metric === 'orders') return `${formatCount(value)} orders`;
  return `${formatDecimal(value)} ${metric.replace(/_/g, ' ')}`;
}

function bare(metric: string, value: number): string {
  if (metric === 'revenue') return formatCurrency(value, { compact: true });
  if (metric === 'orders') return formatCount(value);
  return formatDecimal(value);
}

/**
 * One plain sentence, e.g. "Paid social in the test geos added 1,240 orders (90% interval 610 to
 * 1,870) for $48K of extra spend: $38.71 of spend per extra order." It claims an effect only when
 * the interval excludes 0.
 */
export function geoReadout(r: GeoReadoutInput): string {
  const who = r.channel ? `${channelLabel(r.channel)} in the test geos` : 'The test geos';
  const level = `${Math.round((1 - r.alpha) * 100)}% interval`;
  const interval = r.effect_ci ? `${level} ${bare(r.metric, r.effect_ci[0])} to ${bare(r.metric, r.effect_ci[1])}` : `${level} not available`;
  const clear = r.effect_ci !== null && (r.effect_ci[0] > 0 || r.effect_ci[1] < 0);
  if (!clear) {
    return `${who} showed no clear effect on ${r.metric.replace(/_/g, ' ')}: ${bare(r.metric, r.effect)} (${formatSignedPercent(r.rel_lift)}; ${interval}).`;
  }
  const verb = r.effect > 0 ? 'added' : 'lost';
  let spend = '';
  if (r.incremental_spend !== null && r.incremental_spend > 0) {
    const cost = `${formatCurrency(r.incremental_spend, { compact: true })} of extra spend`;
    if (r.metric === 'revenue' && r.iroas !== null) spend = ` for ${cost}: ${formatCurrency(r.iroas)} of revenue per dollar`;
    else if (r.effect > 0)
      spend = ` for ${cost}: ${formatCurrency(r.incremental_spend / r.effect)} of spend per extra ${r.metric === 'orders' ? 'order' : r.metric.replace(/_/g, ' ')}`;
    else spend = ` for ${cost}`;
  }
  return `${who} ${verb} ${metricAmount(r.metric, Math.abs(r.effect))} (${formatSignedPercent(r.rel_lift)}, ${interval})${spend}.`;
}

/** Pre-period fit good enough to read the test: R^2 at least 0.8 and MAPE at most 10%. */
export function fitWarning(preFit: { r2: number | null; mape: number | null }): string | null {
  const problems: string[] = [];
  if (preFit.r2 === null || preFit.r2 < 0.8) problems.push(`R² ${preFit.r2 === null ? 'undefined' : preFit.r2.toFixed(2)} (below 0.8)`);
  if (preFit.mape === null || preFit.mape > 0.1)
    problems.push(`MAPE ${preFit.mape === null ? 'undefined' : formatSignedPercent(preFit.mape).replace('+', '')} (above 10%)`);
  if (problems.length === 0) return null;
  return `The control geos track the test geos poorly before the test: ${problems.join(', ')}. The counterfactual, and so the effect, may be off; try other control geos, a longer pre-period or the other method.`;
}
