import type { ControlVariantOutput as ControlVariantResult, TreatmentVariantOutput as TreatmentVariantResult } from '../../../../shared/stats/experiment-stats-types';
import { formatByUnit, formatSignedPercent } from '../../../../shared/format';

/** A variant of the experiment output: the control has no comparison fields, a treatment has them all. */
export type VariantResult = ControlVariantResult & Partial<Omit<TreatmentVariantResult, keyof ControlVariantResult>>;

/**
 * One plain sentence per comparison, e.g. "Treatment raised purchase rate from 6.1% to 6.7%
 * (+9.8%, 95% CI +1% to +19%)." Says "no clear difference" when the interval spans zero.
 */
export function readout(metricLabel: string, unit: 'percent' | 'currency', control: VariantResult, treatment: VariantResult, alpha: number): string {
  const from = formatByUnit(control.mean, unit);
  const to = formatByUnit(treatment.mean, unit);
  const level = `${Math.round((1 - alpha) * 100)}% CI`;
  const ci = treatment.rel_lift_ci ? `${level} ${formatSignedPercent(treatment.rel_lift_ci[0])} to ${formatSignedPercent(treatment.rel_lift_ci[1])}` : `${level} not available`;
  const lift = treatment.rel_lift === null || treatment.rel_lift === undefined ? 'lift not defined for a zero baseline' : formatSignedPercent(treatment.rel_lift);
  const name = treatment.variant.charAt(0).toUpperCase() + treatment.variant.slice(1);
  const significant = treatment.p_value !== null && treatment.p_value !== undefined && treatment.p_value < alpha;
  if (!significant) return `${name} showed no clear difference in ${metricLabel}: ${from} vs ${to} for ${control.variant} (${lift}, ${ci}).`;
  const verb = (treatment.diff ?? 0) > 0 ? 'raised' : 'lowered';
  return `${name} ${verb} ${metricLabel} from ${from} to ${to} (${lift}, ${ci}).`;
}
