import type { QueryEngine } from '../../engine';
import { AppError } from '../../ipc/errors';
import type { ExperimentSpec } from '../../specs/experiment-spec';
import { SpecError } from '../../specs/spec-error';
import { applyCorrection, testMetric } from '../../stats/experiment-stats';
import type { MetricOutput, TreatmentVariantOutput, VariantOutput, VariantSufficientStats } from '../../stats/experiment-stats-types';
import { tableColumns } from '../table-columns';
import { hasCovariate } from './experiment-sql';
import { experimentSums, type SumsGroup } from './experiment-sums';
import { reportedVariants, srmCheck, type SrmOutput } from './expected-split';
import { guardrailHarm } from './guardrail';

/** A variant of a metric as printed: the statistics' output plus `guardrail_harm` on guardrail metrics. */
export type ExperimentVariantResult = VariantOutput & { guardrail_harm?: boolean };
export type TreatmentVariantResult = TreatmentVariantOutput & { guardrail_harm?: boolean };

export interface ExperimentMetricResult {
  name: string;
  variants: ExperimentVariantResult[];
  /** Capped metrics only: the same metric's result without the cap. */
  uncapped?: { variants: ExperimentVariantResult[] };
}

/** The result over one set of users: the whole experiment, or one dimension value. */
export interface ExperimentGroupResult {
  srm: SrmOutput;
  metrics: ExperimentMetricResult[];
}

export interface ExperimentResult extends ExperimentGroupResult {
  kind: 'experiment';
  experiment_id: string;
  /** With a `dimension`: its name, and the whole result again per value (largest first, `(other)` last). */
  dimension?: string;
  dimensions?: (ExperimentGroupResult & { value: unknown })[];
}

function zeroStats(spec: ExperimentSpec, i: number, variant: string): VariantSufficientStats {
  const m = spec.metrics[i]!;
  const s: VariantSufficientStats = { variant, n: 0, sum: 0, sum_squares: 0 };
  if (hasCovariate(spec, m)) Object.assign(s, { pre_sum: 0, pre_sum_squares: 0, sum_product: 0 });
  if (m.type === 'ratio') Object.assign(s, { den_sum: 0, den_sum_squares: 0, num_den_sum_product: 0 });
  if (m.type === 'ratio' && hasCovariate(spec, m)) {
    Object.assign(s, {
      pre_den_sum: 0,
      pre_den_sum_squares: 0,
      den_pre_den_sum_product: 0,
      pre_num_pre_den_sum_product: 0,
      num_pre_den_sum_product: 0,
      pre_num_den_sum_product: 0,
    });
  }
  return s;
}

/** Every metric tested on one group's statistics (`pick` chooses capped or uncapped sums). */
function testAll(spec: ExperimentSpec, group: SumsGroup, variants: readonly string[], uncappedMetric: number | null): MetricOutput[] {
  return spec.metrics.map((m, i) => {
    const stats = variants.map((v) => {
      const sums = group.variants.find((g) => g.variant === v);
      const s = sums === undefined ? null : i === uncappedMetric ? sums.uncapped[i] : sums.metrics[i];
      return s ?? zeroStats(spec, i, v);
    });
    return testMetric({
      metric: { name: m.name, type: m.type, inverse: m.inverse },
      control: spec.control,
      variants: stats,
      alpha: spec.alpha,
      cuped: spec.cuped,
      engine: spec.engine,
      sequential_tuning: spec.sequential_tuning,
      prior: spec.prior,
    });
  });
}

function withGuardrail(spec: ExperimentSpec, i: number, variants: VariantOutput[]): ExperimentVariantResult[] {
  const m = spec.metrics[i]!;
  if (!m.guardrail) return variants;
  return variants.map((v, k) => (k === 0 ? v : { ...v, guardrail_harm: guardrailHarm(spec, m.inverse, v as TreatmentVariantOutput) }));
}

/**
 * One group: SRM, every metric through `testMetric`, the correction over every (metric, variant)
 * pair, guardrail flags, and for each capped metric its uncapped result. The uncapped result is
 * corrected within the family it would have belonged to: the other metrics as they are, with this
 * metric's pairs uncapped.
 */
function groupResult(spec: ExperimentSpec, group: SumsGroup, variants: readonly string[]): ExperimentGroupResult {
  const counts: Record<string, number> = {};
  for (const v of variants) counts[v] = group.variants.find((g) => g.variant === v)?.n ?? 0;
  const tested = testAll(spec, group, variants, null);
  const corrected = applyCorrection(tested, spec.correction, spec.alpha);
  const metrics = corrected.map((out, i): ExperimentMetricResult => {
    const result: ExperimentMetricResult = { name: out.name, variants: withGuardrail(spec, i, out.variants) };
    if (spec.metrics[i]!.cap !== undefined) {
      const family = testAll(spec, group, variants, i);
      const alt = applyCorrection(
        tested.map((t, k) => (k === i ? (family[i] as MetricOutput) : t)),
        spec.correction,
        spec.alpha,
      );
      result.uncapped = { variants: withGuardrail(spec, i, (alt[i] as MetricOutput).variants) };
    }
    return result;
  });
  return { srm: srmCheck(spec, variants, counts), metrics };
}

async function checkDimension(db: QueryEngine, column: string): Promise<void> {
  const columns = await tableColumns(db, 'customers');
  if (columns.length === 0) {
    throw new AppError('missing_data', `dimension "${column}" is a customers column, but customers is not loaded: pull Customer 360 first`);
  }
  if (!columns.some((c) => c.name === column)) {
    throw new SpecError(
      'unknown_column',
      `dimension "${column}" is not a column of customers; use one of: ${columns.map((c) => c.name).join(', ')}`,
      'dimension',
    );
  }
}

/**
 * SPEC section 5 (docs/spec.md section 5): the sufficient statistics per variant from one SQL
 * query (experiment-sql.ts), then per metric `testMetric` (shared/stats) and the correction.
 */
export async function runExperiment(db: QueryEngine, spec: ExperimentSpec): Promise<ExperimentResult> {
  if (spec.dimension !== undefined) await checkDimension(db, spec.dimension);
  const sums = await experimentSums(db, spec, spec.dimension);
  const variants = reportedVariants(
    spec,
    sums.overall.variants.map((v) => v.variant),
  );
  const overall = groupResult(spec, sums.overall, variants);
  const result: ExperimentResult = { kind: 'experiment', experiment_id: spec.experiment_id, srm: overall.srm, metrics: overall.metrics };
  if (spec.dimension !== undefined) {
    result.dimension = spec.dimension;
    result.dimensions = sums.dimensions.map((g) => ({ value: g.value, ...groupResult(spec, g, variants) }));
  }
  return result;
}
