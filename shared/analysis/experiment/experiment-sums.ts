import type { QueryEngine } from '../../engine';
import type { ExperimentSpec } from '../../specs/experiment-spec';
import type { VariantSufficientStats } from '../../stats/experiment-stats-types';
import { queryRows } from '../sql';
import { compileExperimentSums, DIMENSION_TOP, hasCovariate, sumColumn } from './experiment-sql';

/** One variant's users and, per metric (spec order), its sufficient statistics. */
export interface VariantSums {
  variant: string;
  n: number;
  /** As analysed: capped where the metric has a cap. */
  metrics: VariantSufficientStats[];
  /** Uncapped statistics, per metric; null for a metric without a cap. */
  uncapped: (VariantSufficientStats | null)[];
}

/** The users of the whole experiment (`value` undefined) or of one dimension bucket. */
export interface SumsGroup {
  /** The dimension value (NULL as `(null)`), `(other)` for the pooled rest; undefined overall. */
  value?: unknown;
  /** Variants with at least one user in this group, ascending. */
  variants: VariantSums[];
}

export interface ExperimentSums {
  overall: SumsGroup;
  /** Dimension buckets, largest first, `(other)` last; empty without a dimension. */
  dimensions: SumsGroup[];
}

type SumRow = Record<string, unknown> & { grp: number; variant: string; n: number; dim_value: unknown };

function num(row: Record<string, unknown>, key: string): number {
  const v = row[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function stats(spec: ExperimentSpec, row: SumRow, i: number, src: 'c' | 'u'): VariantSufficientStats {
  const m = spec.metrics[i]!;
  const s: VariantSufficientStats = {
    variant: row.variant,
    n: row.n,
    sum: num(row, sumColumn('y', src, i)),
    sum_squares: num(row, sumColumn('yy', src, i)),
  };
  if (hasCovariate(spec, m)) {
    s.pre_sum = num(row, sumColumn('x', src, i));
    s.pre_sum_squares = num(row, sumColumn('xx', src, i));
    s.sum_product = num(row, sumColumn('xy', src, i));
  }
  if (m.type === 'ratio') {
    s.den_sum = num(row, sumColumn('d', src, i));
    s.den_sum_squares = num(row, sumColumn('dd', src, i));
    s.num_den_sum_product = num(row, sumColumn('yd', src, i));
    if (hasCovariate(spec, m)) {
      s.pre_den_sum = num(row, sumColumn('e', src, i));
      s.pre_den_sum_squares = num(row, sumColumn('ee', src, i));
      s.den_pre_den_sum_product = num(row, sumColumn('de', src, i));
      s.pre_num_pre_den_sum_product = num(row, sumColumn('xe', src, i));
      s.num_pre_den_sum_product = num(row, sumColumn('ye', src, i));
      s.pre_num_den_sum_product = num(row, sumColumn('xd', src, i));
    }
  }
  return s;
}

function variantSums(spec: ExperimentSpec, row: SumRow): VariantSums {
  return {
    variant: row.variant,
    n: row.n,
    metrics: spec.metrics.map((_, i) => stats(spec, row, i, 'c')),
    uncapped: spec.metrics.map((m, i) => (m.cap === undefined ? null : stats(spec, row, i, 'u'))),
  };
}

/**
 * Runs the sums query (experiment-sql.ts) and groups its rows: the whole experiment and, with a
 * dimension column, each of the 20 largest values by users (`(null)` for customers whose value
 * is NULL or who are not in customers) and `(other)` for the rest.
 */
export async function experimentSums(db: QueryEngine, spec: ExperimentSpec, dimensionColumn?: string): Promise<ExperimentSums> {
  const rows = await queryRows<SumRow>(db, compileExperimentSums(spec, dimensionColumn));
  const groups = new Map<number, SumsGroup>();
  for (const row of rows) {
    let group = groups.get(row.grp);
    if (group === undefined) {
      const value = row.grp === 0 ? undefined : row.grp > DIMENSION_TOP ? '(other)' : (row.dim_value ?? '(null)');
      group = value === undefined ? { variants: [] } : { value, variants: [] };
      groups.set(row.grp, group);
    }
    group.variants.push(variantSums(spec, row));
  }
  const order = [...groups.keys()].filter((g) => g !== 0).sort((a, b) => a - b);
  return { overall: groups.get(0) ?? { variants: [] }, dimensions: order.map((g) => groups.get(g)!) };
}
