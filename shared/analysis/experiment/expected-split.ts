import type { ExperimentSpec } from '../../specs/experiment-spec';
import { SpecError } from '../../specs/spec-error';
import { sampleRatioMismatch } from '../../stats/srm';

export interface SrmOutput {
  p_value: number;
  flag: boolean;
  counts: Record<string, number>;
}

/**
 * The variants the result reports, control first, then the rest ascending: every variant seen
 * in the assignments plus any variant `expected_split` designs that nobody was assigned to (it
 * reports 0 users, and its missing traffic is exactly what the SRM check should catch). A
 * variant seen but absent from `expected_split` has no expected share: `invalid_spec`.
 */
export function reportedVariants(spec: ExperimentSpec, seen: readonly string[]): string[] {
  if (seen.length === 0) {
    throw new SpecError('unknown_experiment', `experiment_id "${spec.experiment_id}" has no assignments in experiment_assignments`, 'experiment_id');
  }
  if (!seen.includes(spec.control)) {
    throw new SpecError(
      'unknown_variant',
      `control "${spec.control}" is not a variant of ${spec.experiment_id}; its variants are ${[...seen].sort().join(', ')}`,
      'control',
    );
  }
  const split = spec.expected_split;
  if (split !== undefined) {
    const unlisted = seen.filter((v) => !(v in split));
    if (unlisted.length > 0) {
      throw new SpecError(
        'invalid_spec',
        `expected_split lacks ${unlisted.join(', ')}; give a share for every variant of ${spec.experiment_id} (${[...seen].sort().join(', ')})`,
        'expected_split',
      );
    }
  }
  const all = new Set([...seen, ...Object.keys(split ?? {})]);
  all.delete(spec.control);
  return [spec.control, ...[...all].sort()];
}

/** Chi-square goodness of fit of the counts against `expected_split` (default: equal shares). */
export function srmCheck(spec: ExperimentSpec, variants: readonly string[], counts: Record<string, number>): SrmOutput {
  const weights = variants.map((v) => spec.expected_split?.[v] ?? 1);
  const r = sampleRatioMismatch(
    variants.map((v) => counts[v] ?? 0),
    weights,
  );
  return { p_value: r.p_value, flag: r.flag, counts };
}

/**
 * The experiments product's `expected_split` column (JSON text such as `{"holdout":0.1,"treatment":0.9}`)
 * as a spec's `expected_split`, for the experiment builder to fill in (a 10% holdout is then not
 * a sample ratio mismatch). Null where the text is missing or not an object of positive finite
 * shares, so the analysis falls back to equal shares rather than failing on registry data.
 */
export function expectedSplitFromRegistry(text: unknown): Record<string, number> | null {
  if (typeof text !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length === 0 || !entries.every(([k, v]) => k.length > 0 && typeof v === 'number' && Number.isFinite(v) && v > 0)) return null;
  return Object.fromEntries(entries) as Record<string, number>;
}
