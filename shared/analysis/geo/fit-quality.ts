/**
 * How well a counterfactual tracks the treatment series before the test: R^2 = 1 - RSS / TSS
 * (TSS about the pre-period mean; null when the series is constant) and MAPE, the mean of
 * |y - fit| / |y| over the pre days with y != 0, as a fraction (0.1 = 10%; null when every y is 0).
 */
import { sumSquaredDeviations } from './effect-interval';

export interface PreFit {
  r2: number | null;
  mape: number | null;
}

export function preFitQuality(actual: readonly number[], fitted: readonly number[]): PreFit {
  let rss = 0;
  let ape = 0;
  let counted = 0;
  actual.forEach((y, i) => {
    const r = y - (fitted[i] as number);
    rss += r * r;
    if (y !== 0) {
      ape += Math.abs(r) / Math.abs(y);
      counted += 1;
    }
  });
  const tss = sumSquaredDeviations(actual);
  return { r2: tss > 0 ? 1 - rss / tss : null, mape: counted > 0 ? ape / counted : null };
}
