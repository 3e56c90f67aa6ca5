/**
 * The one contract between the experiment engine's SQL (which produces sufficient statistics
 * per variant) and the statistics (docs/spec.md section 5 v2 and section 8, aligned with
 * GrowthBook's gbstats). `meshwork stats` reads exactly this shape from JSON; `meshwork analyze`
 * builds it from DuckDB sums. Both call `testMetric` in `./experiment-stats.ts`.
 */

export type MetricType = 'proportion' | 'mean' | 'ratio';
export type StatsEngine = 'frequentist' | 'sequential' | 'bayesian';
export type Correction = 'none' | 'holm' | 'bh';

/** Sums over the users of one variant, as gbstats takes them. */
export interface VariantSufficientStats {
  variant: string;
  /** Users in the variant. */
  n: number;
  /** Sum of Y (proportion: converted users; ratio: sum of the numerator). */
  sum: number;
  /** Sum of Y^2 (proportion: equals `sum`). */
  sum_squares: number;
  /** CUPED covariate X (the same metric over the pre-period): sum, sum of squares, sum of X*Y. */
  pre_sum?: number;
  pre_sum_squares?: number;
  sum_product?: number;
  /** Ratio metrics: the denominator's sum, sum of squares and sum of numerator*denominator. */
  den_sum?: number;
  den_sum_squares?: number;
  num_den_sum_product?: number;
  /**
   * Ratio metrics with CUPED (gbstats' `RegressionAdjustedRatioStatistic`): `pre_sum`,
   * `pre_sum_squares` and `sum_product` hold the numerator's pre-period sums (sum_product =
   * sum of num * pre_num), and these the denominator's pre-period and the remaining cross
   * products. Without them a ratio metric is compared without CUPED.
   */
  pre_den_sum?: number;
  pre_den_sum_squares?: number;
  /** Sum of den * pre_den. */
  den_pre_den_sum_product?: number;
  /** Sum of pre_num * pre_den. */
  pre_num_pre_den_sum_product?: number;
  /** Sum of num * pre_den. */
  num_pre_den_sum_product?: number;
  /** Sum of pre_num * den. */
  pre_num_den_sum_product?: number;
}

export interface BayesianPrior {
  mean: number;
  variance: number;
  proper: boolean;
}

export interface MetricTestInput {
  metric: { name: string; type: MetricType; inverse?: boolean };
  control: string;
  /** Control first or not: the order of `variants` is kept in the output, control first. */
  variants: VariantSufficientStats[];
  alpha: number;
  cuped: boolean;
  engine: StatsEngine;
  /** Waudby-Smith tuning parameter, default 5000. */
  sequential_tuning: number;
  prior: BayesianPrior;
}

export interface ControlVariantOutput {
  variant: string;
  users: number;
  /** Unadjusted mean (ratio: sum(num) / sum(den)). */
  mean: number;
}

export interface TreatmentVariantOutput extends ControlVariantOutput {
  diff?: number;
  diff_ci?: [number, number];
  p_value?: number;
  rel_lift?: number;
  rel_lift_ci?: [number, number];
  rel_p_value?: number;
  /** Bayesian engine only. */
  chance_to_win?: number;
  ci?: [number, number];
  risk?: [number, number];
  /** With a correction: the adjusted p-value of this (metric, variant) pair and the decision on it. */
  p_value_adjusted?: number;
  significant?: boolean;
  /** Why no test was run (fewer than 2 users, zero variance, zero baseline). */
  error?: string;
}

export type VariantOutput = ControlVariantOutput | TreatmentVariantOutput;

export interface MetricOutput {
  name: string;
  variants: VariantOutput[];
}
