/**
 * Time-based regression (Kerman, Wang and Vaver 2017; SPEC section 9): ordinary least squares
 * y_t = a + b x_t over the pre-period, where y and x are the daily sums of the metric over the
 * treatment and the control geos. The fitted line is the counterfactual over the test days.
 */
import type { CounterfactualFit } from './effect-interval';
import { mean, sumSquaredDeviations } from './effect-interval';

export interface TbrModel {
  intercept: number;
  slope: number;
}

/**
 * OLS fit. A control series that is constant over the pre-period (Sxx = 0, e.g. a control group
 * that never spends) identifies no slope: the model is then the intercept alone (slope 0, the
 * counterfactual is the pre-period mean of y), and the interval is reported only where the test
 * days' x equals that constant too (estimateEffect).
 */
export function fitTbr(preX: readonly number[], preY: readonly number[]): TbrModel {
  const sxx = sumSquaredDeviations(preX);
  const xBar = mean(preX);
  const yBar = mean(preY);
  if (!(sxx > 0)) return { intercept: yBar, slope: 0 };
  let sxy = 0;
  preX.forEach((x, i) => {
    sxy += (x - xBar) * ((preY[i] as number) - yBar);
  });
  const slope = sxy / sxx;
  return { intercept: yBar - slope * xBar, slope };
}

/** The TBR counterfactual: the fitted line on the pre days and its prediction on the test days. */
export function tbrCounterfactual(model: TbrModel, preX: readonly number[], testX: readonly number[]): CounterfactualFit {
  const line = (x: number): number => model.intercept + model.slope * x;
  return { prePred: preX.map(line), testPred: testX.map(line), preX: [...preX], testX: [...testX] };
}
