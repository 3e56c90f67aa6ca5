import { z } from 'zod';
import { specErrorFromZod, SpecError } from './spec-error';

/**
 * SPEC section 9: a geo experiment read from the `geo_sales` product. Where the page is silent:
 * `method` defaults to "tbr", `control_geos` to null (every other geo), `alpha` to 0.1 (a 90%
 * interval, the convention of geo-experiment readouts and of the SPEC's example) and
 * `spend_metric` to null (no iROAS). Objects are strict, so a typo is refused rather than run
 * with a default. Whether `metric` is a numeric column of geo_sales is checked against the
 * loaded product (`unknown_column`), as is whether every geo id exists (`unknown_geo`).
 */
export const GEO_METHODS = ['tbr', 'synthetic_control'] as const;
export type GeoMethod = (typeof GEO_METHODS)[number];

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` that names a real calendar day (2026-02-30 is refused). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

/** Whole days from `a` to `b` (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** The day `days` after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

const dateSchema = z
  .string({ error: 'must be a date written YYYY-MM-DD' })
  .refine(isCalendarDate, { message: 'must be a real calendar date written YYYY-MM-DD' });

/** `[start, end]`, both inclusive, start <= end, at most ten years long. */
export const periodSchema = z
  .tuple([dateSchema, dateSchema], { error: 'must be a pair of dates ["YYYY-MM-DD", "YYYY-MM-DD"]' })
  .refine(([a, b]) => !isCalendarDate(a) || !isCalendarDate(b) || a <= b, { message: 'must start on or before its end' })
  .refine(([a, b]) => !isCalendarDate(a) || !isCalendarDate(b) || daysBetween(a, b) < 3660, { message: 'may span at most ten years' });

export const geoIdSchema = z.string({ error: 'must be a geo id string' }).min(1).max(200);
export const columnNameSchema = z.string({ error: 'must be a column name of geo_sales' }).min(1).max(200);

export const geoExperimentSpecSchema = z.strictObject({
  kind: z.literal('geo_experiment'),
  metric: columnNameSchema,
  method: z.enum(GEO_METHODS).default('tbr'),
  treatment_geos: z.array(geoIdSchema).min(1).max(10_000),
  control_geos: z.array(geoIdSchema).min(1).max(10_000).nullable().default(null),
  pre_period: periodSchema,
  test_period: periodSchema,
  alpha: z.number().gt(0).lt(1).default(0.1),
  spend_metric: columnNameSchema.nullable().default(null),
});

export type GeoExperimentSpec = z.infer<typeof geoExperimentSpecSchema>;

/** Each list names a geo once; treatment and control share no geo. */
export function checkGeoLists(treatment: readonly string[], control: readonly string[] | null): void {
  const lists: [string, readonly string[] | null][] = [
    ['treatment_geos', treatment],
    ['control_geos', control],
  ];
  for (const [name, list] of lists) {
    if (list === null) continue;
    const seen = new Set<string>();
    list.forEach((geo, i) => {
      if (seen.has(geo)) throw new SpecError('invalid_spec', `${name}[${i}] "${geo}" is listed twice`, `${name}[${i}]`);
      seen.add(geo);
    });
  }
  if (control !== null) {
    const treated = new Set(treatment);
    const i = control.findIndex((g) => treated.has(g));
    if (i >= 0)
      throw new SpecError(
        'invalid_spec',
        `control_geos[${i}] "${control[i] ?? ''}" is also a treatment geo; a geo is either treated or control`,
        `control_geos[${i}]`,
      );
  }
}

export function parseGeoExperimentSpec(input: unknown): GeoExperimentSpec {
  const result = geoExperimentSpecSchema.safeParse(input);
  if (!result.success) throw specErrorFromZod(result.error, input, geoExperimentSpecSchema);
  const spec = result.data;
  checkGeoLists(spec.treatment_geos, spec.control_geos);
  if (spec.pre_period[1] >= spec.test_period[0]) {
    throw new SpecError(
      'invalid_spec',
      `pre_period must end before test_period starts (pre_period ends ${spec.pre_period[1]}, test_period starts ${spec.test_period[0]})`,
      'pre_period[1]',
    );
  }
  return spec;
}
