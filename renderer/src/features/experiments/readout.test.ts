import { describe, expect, it } from 'vitest';
import { formatDifference, guardrailWarning, plainError, readVariant, type ReadoutContext, type VariantResult } from './readout';

const ctx: ReadoutContext = {
  metricLabel: 'purchase rate',
  unit: 'percent',
  inverse: false,
  alpha: 0.05,
  engine: 'frequentist',
  correction: 'none',
  comparisons: 1,
};
const control: VariantResult = { variant: 'control', users: 5012, mean: 0.061 };
// SPEC section 5's example output: absolute p 0.02, relative p 0.03.
const treatment: VariantResult = {
  variant: 'treatment',
  users: 4988,
  mean: 0.067,
  diff: 0.006,
  diff_ci: [0.001, 0.011],
  p_value: 0.02,
  rel_lift: 0.098,
  rel_lift_ci: [0.01, 0.19],
  rel_p_value: 0.03,
};

describe('experiment readout', () => {
  it('states a significant lift with the relative interval and its own p-value, never the absolute one', () => {
    const r = readVariant(ctx, control, treatment);
    expect(r.verdict).toBe('better');
    expect(r.pValue).toBe(0.03);
    expect(r.interval).toEqual([0.01, 0.19]);
    expect(r.sentence).toBe('Treatment raised purchase rate from 6.1% to 6.7% (+9.8%, 95% CI +1% to +19%, p = 0.03).');
    expect(r.sentence).not.toContain('0.02');
  });

  it('says "no clear difference" with the plausible range when the interval spans zero', () => {
    const t = { ...treatment, mean: 0.062, rel_lift: 0.011, rel_lift_ci: [-0.012, 0.034] as [number, number], rel_p_value: 0.41 };
    const r = readVariant(ctx, control, t);
    expect(r.verdict).toBe('unclear');
    expect(r.sentence).toBe(
      'Treatment showed no clear difference in purchase rate (6.2% vs 6.1% for control): the effect is plausibly between -1.2% and +3.4% (95% CI -1.2% to +3.4%, p = 0.41).',
    );
    expect(r.sentence).not.toMatch(/raised|lowered/);
  });

  it('goes by the interval, not a p-value that disagrees with it at the boundary', () => {
    // Only the interval decides; a p just under alpha with an interval touching 0 is not "raised".
    const r = readVariant(ctx, control, { ...treatment, rel_lift_ci: [0, 0.19], rel_p_value: 0.049 });
    expect(r.verdict).toBe('unclear');
  });

  it('flips good and bad for a lower-is-better metric, wording the direction as it happened', () => {
    const fall = { ...treatment, mean: 0.055, diff: -0.006, rel_lift: -0.098, rel_lift_ci: [-0.19, -0.01] as [number, number], rel_p_value: 0.03 };
    const plain = readVariant(ctx, control, fall);
    expect(plain.verdict).toBe('worse');
    expect(plain.sentence).toMatch(/^Treatment lowered purchase rate from 6.1% to 5.5% \(-9.8%/);
    const inverse = readVariant({ ...ctx, metricLabel: 'refund rate', inverse: true }, control, fall);
    expect(inverse.verdict).toBe('better');
    expect(inverse.sentence).toMatch(/lowered refund rate .*Lower is better here, so this is an improvement\.$/);
    expect(readVariant({ ...ctx, inverse: true }, control, treatment).verdict).toBe('worse');
  });

  it('explains an untestable variant in plain words', () => {
    const r = readVariant(ctx, control, { variant: 'b', users: 1, mean: 0, error: 'fewer than 2 users in b' });
    expect(r.verdict).toBe('untestable');
    expect(r.interval).toBeNull();
    expect(r.sentence).toBe(
      'B could not be compared with control on purchase rate (0% vs 6.1%): b has fewer than 2 users, so there is nothing to compare yet.',
    );
    expect(plainError('zero variance in control')).toMatch(/every user in control has the same value/);
  });

  it('falls back to the absolute difference and its own p-value when the control mean is 0', () => {
    const c = { variant: 'control', users: 100, mean: 0 };
    const t = {
      variant: 'treatment',
      users: 100,
      mean: 2.5,
      diff: 2.5,
      diff_ci: [0.5, 4.5] as [number, number],
      p_value: 0.012,
      error: 'the mean of control is 0: no relative lift',
    };
    const r = readVariant({ ...ctx, metricLabel: 'revenue per user', unit: 'currency' }, c, t);
    expect(r.scale).toBe('absolute');
    expect(r.pValue).toBe(0.012);
    expect(r.sentence).toBe('Treatment raised revenue per user from $0.00 to $2.50 (+$2.50, 95% CI +$0.50 to +$4.50, p = 0.01).');
  });

  it('reads the Bayesian credible interval and chance to win', () => {
    const t = { ...treatment, ci: [0.02, 0.18] as [number, number], chance_to_win: 0.991, risk: [0.0001, 0.08] as [number, number] };
    const r = readVariant({ ...ctx, engine: 'bayesian' }, control, t);
    expect(r.interval).toEqual([0.02, 0.18]);
    expect(r.estimate).toBeCloseTo(0.1, 12);
    expect(r.pValue).toBeNull();
    expect(r.chanceToWin).toBe(0.991);
    expect(r.sentence).toBe('Treatment raised purchase rate from 6.1% to 6.7% (+10%, 95% credible interval +2% to +18%, 99.1% chance treatment is better).');
  });

  it('does not claim a change the correction removes, and shows the adjusted p-value', () => {
    const t = { ...treatment, p_value_adjusted: 0.06, significant: false };
    const r = readVariant({ ...ctx, correction: 'holm', comparisons: 3 }, control, t);
    expect(r.verdict).toBe('unclear');
    expect(r.pAdjusted).toBe(0.06);
    expect(r.sentence).toContain('no clear difference in purchase rate once corrected for 3 comparisons');
    expect(r.sentence).toContain('adjusted for 3 comparisons: p = 0.06');
    expect(readVariant({ ...ctx, correction: 'bh', comparisons: 3 }, control, { ...t, p_value_adjusted: 0.04, significant: true }).verdict).toBe('better');
    // The Bayesian reading has no p-value, so a correction neither changes nor annotates it.
    const bayes = readVariant({ ...ctx, engine: 'bayesian', correction: 'holm', comparisons: 3 }, control, { ...t, ci: [0.02, 0.18], chance_to_win: 0.99 });
    expect(bayes.verdict).toBe('better');
    expect(bayes.pAdjusted).toBeNull();
    expect(bayes.sentence).not.toContain('adjusted');
  });

  it('formats differences as percentage points or currency, never raw decimals', () => {
    expect(formatDifference(0.006, 'percent')).toBe('+0.6 pp');
    expect(formatDifference(-1.5, 'currency')).toBe('-$1.50');
    expect(formatDifference(0, 'decimal')).toBe('0');
  });

  it('warns about a harmed guardrail in the direction that is bad for it', () => {
    expect(guardrailWarning({ ...ctx, metricLabel: 'aov' }, { ...treatment, guardrail_harm: true })).toMatch(
      /^Guardrail harmed: treatment made aov significantly lower/,
    );
    expect(guardrailWarning({ ...ctx, inverse: true }, { ...treatment, guardrail_harm: true })).toContain('significantly higher');
    expect(guardrailWarning(ctx, { ...treatment, guardrail_harm: false })).toBeNull();
  });
});
