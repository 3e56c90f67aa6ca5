import type { QueryEngine } from '../../engine';
import type { ExperimentSpec } from '../../specs/experiment-spec';
import { SpecError } from '../../specs/spec-error';
import { sampleRatioMismatch } from '../../stats/srm';
import { welchTest, type SampleSummary } from '../../stats/welch';
import { compileExperiment } from './compile-experiment';

export interface ControlVariantResult {
  variant: string;
  users: number;
  mean: number;
}

export interface TreatmentVariantResult extends ControlVariantResult {
  diff: number;
  diff_ci: [number, number] | null;
  p_value: number | null;
  rel_lift: number | null;
  rel_lift_ci: [number, number] | null;
}

export interface ExperimentResult {
  kind: 'experiment';
  experiment_id: string;
  srm: { p_value: number; flag: boolean; counts: Record<string, number> };
  metrics: { name: string; variants: (ControlVariantResult | TreatmentVariantResult)[] }[];
}

type SumRow = Record<string, unknown> & { variant: string; n: number };

function num(row: Record<string, unknown>, key: string): number {
  const v = row[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

interface Moments {
  n: number;
  meanY: number;
  varY: number;
  meanX: number;
  varX: number;
  covXY: number;
}

/**
 * Mean, sample variance and covariance from sums. The centred forms
 * (sum y^2 - (sum y)^2 / n) lose at most about eps * (1 + mean^2 / variance) relative, far below
 * the digits any comparison uses for per-user conversion metrics.
 */
function moments(n: number, sy: number, syy: number, sx: number, sxx: number, sxy: number): Moments {
  const d = n > 1 ? n - 1 : 1;
  return {
    n,
    meanY: n > 0 ? sy / n : 0,
    varY: n > 1 ? Math.max(0, syy - (sy * sy) / n) / d : 0,
    meanX: n > 0 ? sx / n : 0,
    varX: n > 1 ? Math.max(0, sxx - (sx * sx) / n) / d : 0,
    covXY: n > 1 ? (sxy - (sx * sy) / n) / d : 0,
  };
}

/**
 * Per variant and metric, the (CUPED-adjusted) summary. CUPED: theta = cov(X, Y) / var(X) over
 * all users; Y' = Y - theta (X - mean X), so mean Y' = mean Y - theta (mean X_v - mean X) and
 * var Y' = var Y + theta^2 var X - 2 theta cov(X, Y), exactly the moments of the adjusted values.
 * Where var(X) is 0 (no pre-period signal) theta is 0 and CUPED changes nothing.
 */
function summaries(spec: ExperimentSpec, rows: SumRow[], i: number): Map<string, SampleSummary> {
  const keys = ['sy', 'syy', 'sx', 'sxx', 'sxy'].map((k) => `${k}${i}`) as [string, string, string, string, string];
  const of = (row: Record<string, unknown>): Moments => moments(num(row, 'n'), ...(keys.map((k) => num(row, k)) as [number, number, number, number, number]));
  let theta = 0;
  let meanXAll = 0;
  if (spec.cuped) {
    const total: Record<string, number> = { n: 0 };
    for (const row of rows) for (const k of ['n', ...keys]) total[k] = (total[k] ?? 0) + num(row, k);
    const all = of(total);
    theta = all.varX > 0 ? all.covXY / all.varX : 0;
    meanXAll = all.meanX;
  }
  const out = new Map<string, SampleSummary>();
  for (const row of rows) {
    const m = of(row);
    let mean = m.meanY;
    let variance = m.varY;
    if (theta !== 0) {
      mean -= theta * (m.meanX - meanXAll);
      variance = Math.max(0, variance + theta * theta * m.varX - 2 * theta * m.covXY);
    }
    out.set(row.variant, { n: m.n, mean, variance });
  }
  return out;
}

/** SPEC section 5: SRM and, per metric, each non-control variant against control. */
export async function runExperiment(db: QueryEngine, spec: ExperimentSpec): Promise<ExperimentResult> {
  const { sql, params } = compileExperiment(spec);
  const rows = await db.all<SumRow>(sql, params);
  const variants = rows.map((r) => r.variant).sort();
  if (variants.length === 0) {
    throw new SpecError('unknown_experiment', `experiment_id "${spec.experiment_id}" has no assignments in experiment_assignments`, 'experiment_id');
  }
  if (!variants.includes(spec.control)) {
    throw new SpecError('unknown_variant', `control "${spec.control}" is not a variant of ${spec.experiment_id}; its variants are ${variants.join(', ')}`, 'control');
  }
  const ordered = [spec.control, ...variants.filter((v) => v !== spec.control)];
  const counts: Record<string, number> = {};
  for (const v of ordered) counts[v] = rows.find((r) => r.variant === v)?.n ?? 0;

  let weights = ordered.map(() => 1);
  if (spec.expected_split) {
    const split = spec.expected_split;
    const unseen = Object.keys(split).filter((k) => !ordered.includes(k));
    const unlisted = ordered.filter((v) => !(v in split));
    if (unseen.length > 0 || unlisted.length > 0) {
      const parts = [
        unseen.length > 0 ? `has ${unseen.join(', ')}, which no user is assigned to` : '',
        unlisted.length > 0 ? `lacks ${unlisted.join(', ')}` : '',
      ].filter(Boolean);
      throw new SpecError('invalid_spec', `expected_split ${parts.join(' and ')}; the variants of ${spec.experiment_id} are ${ordered.join(', ')}`, 'expected_split');
    }
    weights = ordered.map((v) => split[v] as number);
  }
  const srm = sampleRatioMismatch(
    ordered.map((v) => counts[v] as number),
    weights,
  );

  const metrics = spec.metrics.map((metric, i) => {
    const byVariant = summaries(spec, rows, i);
    const control = byVariant.get(spec.control) as SampleSummary;
    const entries: (ControlVariantResult | TreatmentVariantResult)[] = [{ variant: spec.control, users: control.n, mean: control.mean }];
    for (const v of ordered.slice(1)) {
      const t = byVariant.get(v) as SampleSummary;
      const r = welchTest(control, t, spec.alpha);
      entries.push({
        variant: v,
        users: t.n,
        mean: t.mean,
        diff: r.diff,
        diff_ci: r.diff_ci,
        p_value: r.p_value,
        rel_lift: r.rel_lift,
        rel_lift_ci: r.rel_lift_ci,
      });
    }
    return { name: metric.name, variants: entries };
  });

  return {
    kind: 'experiment',
    experiment_id: spec.experiment_id,
    srm: { p_value: srm.p_value, flag: srm.flag, counts },
    metrics,
  };
}
