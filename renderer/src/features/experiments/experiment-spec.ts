import type { Correction, Engine, MetricUnit } from './readout';

/** The experiment spec as the builder edits it (docs/spec.md section 5); the engine validates it. */
export type MetricCap = { type: 'absolute'; value: number } | { type: 'percentile'; value: number; ignore_zeros?: boolean };
interface MetricCommon {
  name: string;
  inverse?: boolean;
  guardrail?: boolean;
  cap?: MetricCap;
}
export type MetricSpec =
  | (MetricCommon & { type: 'proportion' | 'mean'; conversion_type: string })
  | (MetricCommon & {
      type: 'ratio';
      numerator: { conversion_type: string; value: 'revenue' | 'count' };
      denominator: { conversion_type: string; value: 'revenue' | 'count' };
    });

export interface ExperimentSpec {
  kind: 'experiment';
  experiment_id: string;
  control: string;
  window_days: number;
  alpha: number;
  cuped: boolean;
  engine: Engine;
  correction: Correction;
  expected_split?: Record<string, number>;
  dimension?: string;
  metrics: MetricSpec[];
}

/**
 * The goal metrics of a conversion, and average order value as the guardrail: a change that
 * sells more by selling cheaper shows up there (the discount-banner demo experiment).
 */
export function defaultMetrics(conversion: string): MetricSpec[] {
  return [
    { name: `${conversion}_rate`, type: 'proportion', conversion_type: conversion },
    { name: `${conversion}_revenue_per_user`, type: 'mean', conversion_type: conversion },
    {
      name: `${conversion}_average_order_value`,
      type: 'ratio',
      numerator: { conversion_type: conversion, value: 'revenue' },
      denominator: { conversion_type: conversion, value: 'count' },
      guardrail: true,
    },
  ];
}

export interface DesignedExperiment {
  id: string;
  control: string | null;
  variants: { variant: string }[];
  expected_split: Record<string, number> | null;
}

/**
 * The designed split for the spec's `expected_split`, so the SRM check tests the split the
 * experiment was run with (a 10% holdout is not a mismatch). Undefined (equal shares) where
 * no design is known, or where the design misses a variant that has users or the control:
 * the engine refuses such a split, and an analysis should not fail on registry data.
 */
export function designedSplit(x: DesignedExperiment, control: string): Record<string, number> | undefined {
  const split = x.expected_split;
  if (!split) return undefined;
  if (!(control in split) || !x.variants.every((v) => v.variant in split)) return undefined;
  return split;
}

/** A spec for an experiment from the list, with the builder's defaults. */
export function specFor(x: DesignedExperiment, conversion = 'purchase'): ExperimentSpec {
  const control = x.control && x.variants.some((v) => v.variant === x.control) ? x.control : (x.variants[0]?.variant ?? 'control');
  const split = designedSplit(x, control);
  return {
    kind: 'experiment',
    experiment_id: x.id,
    control,
    window_days: 28,
    alpha: 0.05,
    cuped: false,
    engine: 'frequentist',
    correction: 'none',
    ...(split ? { expected_split: split } : {}),
    metrics: defaultMetrics(conversion),
  };
}

/** A saved spec from before the engine switch: the engine's defaults made explicit for the controls. */
export function withDefaults(spec: Partial<ExperimentSpec> & Pick<ExperimentSpec, 'experiment_id' | 'control' | 'metrics'>): ExperimentSpec {
  return { kind: 'experiment', window_days: 28, alpha: 0.05, cuped: false, engine: 'frequentist', correction: 'none', ...spec };
}

/** Rates in percent, revenue and revenue ratios in money, count ratios as plain numbers. */
export function metricUnit(m: MetricSpec | undefined): MetricUnit {
  if (!m) return 'decimal';
  if (m.type === 'proportion') return 'percent';
  if (!('numerator' in m)) return 'currency';
  return m.numerator.value === 'revenue' && m.denominator.value === 'count' ? 'currency' : 'decimal';
}

export function metricLabel(name: string): string {
  return name.replace(/_/g, ' ');
}

export function updateMetric(spec: ExperimentSpec, name: string, patch: Partial<MetricCommon>): ExperimentSpec {
  return {
    ...spec,
    metrics: spec.metrics.map((m) => {
      if (m.name !== name) return m;
      const next = { ...m, ...patch } as MetricSpec & Record<string, unknown>;
      // Absent rather than false/undefined: the saved spec stays what a person would write.
      for (const k of ['inverse', 'guardrail', 'cap'] as const) if (next[k] === undefined || next[k] === false) delete next[k];
      return next;
    }),
  };
}

/**
 * CUPED's variance reduction from the interval widths with and without it (the interval is
 * proportional to the standard error): 1 - (width_cuped / width_plain)^2.
 */
export function varianceReduction(withCuped: [number, number] | null | undefined, without: [number, number] | null | undefined): number | null {
  if (!withCuped || !without) return null;
  const w0 = without[1] - without[0];
  if (!(w0 > 0)) return null;
  return 1 - ((withCuped[1] - withCuped[0]) / w0) ** 2;
}

/** Below this CUPED is said to have done (almost) nothing, and why. */
export const NEGLIGIBLE_REDUCTION = 0.02;

export function cupedNote(metric: string, reduction: number | null): string {
  if (reduction === null) return `CUPED could not be measured for ${metric}: there is no interval to compare.`;
  const pct = `${Math.round(reduction * 1000) / 10}%`;
  if (reduction < NEGLIGIBLE_REDUCTION) {
    return `CUPED changed the variance of ${metric} by only ${pct}: users did little of this before they were assigned, so their past says almost nothing about their future here.`;
  }
  return `CUPED reduced the variance of ${metric} by ${pct} (pre-period behaviour explains that share of the noise; the same precision without it would need ${Math.round(100 / (1 - reduction))}% of the users).`;
}
