/**
 * A data contract's quality rules turned into checks the workbench can run on an extract and
 * describe in words. Input is the ODCS v3 `quality` list of the contract's table and of each
 * column (odcs.ts parses it loosely); output is a closed, strictly validated plan that crosses
 * the engine-process boundary and is compiled to SQL by shared/analysis/quality/quality-sql.ts.
 *
 * Supported (docs/governance.md):
 * - ODCS library metrics: rowCount (table), nullValues, missingValues (`arguments.missingValues`),
 *   invalidValues (`arguments.validValues`), duplicateValues; `unit: percent` measures a share
 *   of all rows (0..100) instead of a count.
 * - Ranges (a Meshwork extension of invalidValues): `arguments.minimum` / `arguments.maximum`
 *   (inclusive) count the non-NULL values outside them.
 * - Freshness (Meshwork extension, metric `freshness` on a timestamp or date column): hours
 *   from the column's newest value to the check time.
 * Severity: ODCS leaves it free text; `warning`/`warn` and `info` are kept, anything else
 * (absent included) is `error`, because a contract's promise is binding unless it says otherwise.
 * Rules of other types (text, sql, custom) or unknown metrics are listed as "not checked".
 */
import { z } from 'zod';
import type { OdcsContract, QualityRule } from './odcs';

export const QUALITY_METRICS = ['rowCount', 'nullValues', 'missingValues', 'invalidValues', 'duplicateValues', 'freshness'] as const;
export type QualityMetric = (typeof QUALITY_METRICS)[number];

export const QUALITY_OPERATORS = [
  'mustBe',
  'mustNotBe',
  'mustBeGreaterThan',
  'mustBeGreaterOrEqualTo',
  'mustBeLessThan',
  'mustBeLessOrEqualTo',
  'mustBeBetween',
  'mustNotBeBetween',
] as const;
export type QualityOperator = (typeof QUALITY_OPERATORS)[number];

export type QualitySeverity = 'error' | 'warning' | 'info';

const finite = z.number().finite().min(-1e15).max(1e15);
const scalar = z.union([z.string().max(1000), finite, z.boolean()]);

/** One runnable check: what the engine receives (strict: nothing else may cross). */
export const qualityCheckSchema = z
  .object({
    id: z.string().min(1).max(300),
    column: z.string().min(1).max(300).nullable(),
    metric: z.enum(QUALITY_METRICS),
    unit: z.enum(['rows', 'percent']),
    severity: z.enum(['error', 'warning', 'info']),
    operator: z.enum(QUALITY_OPERATORS),
    /** One bound for the single-value operators, two (low, high) for the between operators. */
    threshold: z.array(finite).min(1).max(2),
    validValues: z.array(scalar).max(10_000).optional(),
    missingValues: z.array(scalar).max(1000).optional(),
    minimum: finite.optional(),
    maximum: finite.optional(),
  })
  .strict();
export type QualityCheck = z.infer<typeof qualityCheckSchema>;

/** A rule as the product page lists it: the check (null when not runnable here) and its words. */
export interface ContractRule {
  id: string;
  column: string | null;
  severity: QualitySeverity;
  /** "customer_id has no duplicates", "At least 1 row". */
  text: string;
  check: QualityCheck | null;
}

/** The result of one check on one extract, stored with the version. */
export const qualityResultSchema = z.object({
  id: z.string(),
  column: z.string().nullable(),
  severity: z.enum(['error', 'warning', 'info']),
  text: z.string(),
  passed: z.boolean(),
  /** The measured value (a count, a percentage or hours); null when it could not be measured (no rows to date). */
  observed: z.number().nullable(),
  /** The threshold in words: "= 0", "> 0", "between 1 and 5", "<= 48 h". */
  threshold: z.string(),
});
export type QualityResult = z.infer<typeof qualityResultSchema>;

export function severityOf(value: unknown): QualitySeverity {
  const s = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (s === 'warning' || s === 'warn') return 'warning';
  if (s === 'info') return 'info';
  return 'error';
}

function thresholdOf(rule: QualityRule): { operator: QualityOperator; threshold: number[] } | null {
  for (const operator of QUALITY_OPERATORS) {
    const value = rule[operator];
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      const [low, high] = value;
      return { operator, threshold: [Math.min(low, high), Math.max(low, high)] };
    }
    return { operator, threshold: [value as number] };
  }
  return null;
}

const OPERATOR_WORDS: Record<QualityOperator, string> = {
  mustBe: '=',
  mustNotBe: '≠',
  mustBeGreaterThan: '>',
  mustBeGreaterOrEqualTo: '≥',
  mustBeLessThan: '<',
  mustBeLessOrEqualTo: '≤',
  mustBeBetween: 'between',
  mustNotBeBetween: 'not between',
};

function unitSuffix(check: Pick<QualityCheck, 'metric' | 'unit'>): string {
  if (check.metric === 'freshness') return ' h';
  return check.unit === 'percent' ? '%' : '';
}

/** The threshold in words: "= 0", "> 0", "between 1 and 5%", "≤ 48 h". */
export function thresholdText(check: Pick<QualityCheck, 'operator' | 'threshold' | 'metric' | 'unit'>): string {
  const u = unitSuffix(check);
  const [a, b] = check.threshold;
  if (check.operator === 'mustBeBetween' || check.operator === 'mustNotBeBetween') return `${OPERATOR_WORDS[check.operator]} ${a}${u} and ${b}${u}`;
  return `${OPERATOR_WORDS[check.operator]} ${a}${u}`;
}

/** Whether a measured value meets the check's threshold; an unmeasurable value (null) fails. */
export function thresholdMet(check: Pick<QualityCheck, 'operator' | 'threshold'>, observed: number | null): boolean {
  if (observed === null || Number.isNaN(observed)) return false;
  const a = check.threshold[0] as number;
  const b = check.threshold[1] ?? a;
  switch (check.operator) {
    case 'mustBe':
      return observed === a;
    case 'mustNotBe':
      return observed !== a;
    case 'mustBeGreaterThan':
      return observed > a;
    case 'mustBeGreaterOrEqualTo':
      return observed >= a;
    case 'mustBeLessThan':
      return observed < a;
    case 'mustBeLessOrEqualTo':
      return observed <= a;
    case 'mustBeBetween':
      return observed >= a && observed <= b;
    case 'mustNotBeBetween':
      return observed < a || observed > b;
  }
}

function listText(values: readonly unknown[]): string {
  const shown = values.slice(0, 12).map(String).join(', ');
  return values.length > 12 ? `${shown}, ... (${values.length} values)` : shown;
}

/** A zero-count rule reads as a plain promise ("has no duplicates"); anything else names the measure. */
function isNone(check: QualityCheck): boolean {
  const [a] = check.threshold;
  return (
    (check.operator === 'mustBe' && a === 0) ||
    (check.operator === 'mustBeLessOrEqualTo' && a === 0) ||
    (check.operator === 'mustBeLessThan' && a === 1 && check.unit === 'rows')
  );
}

/** The rule in words, as a marketer reads it on the product page. */
export function describeCheck(check: QualityCheck): string {
  const col = check.column ?? 'the table';
  const limit = thresholdText(check);
  const share = check.unit === 'percent' ? 'share of ' : 'number of ';
  switch (check.metric) {
    case 'rowCount': {
      const [a] = check.threshold as [number];
      if (check.operator === 'mustBeGreaterThan') return `At least ${Math.floor(a) + 1} row${Math.floor(a) + 1 === 1 ? '' : 's'}`;
      if (check.operator === 'mustBeGreaterOrEqualTo') return `At least ${a} row${a === 1 ? '' : 's'}`;
      return `Row count ${limit}`;
    }
    case 'nullValues':
      return isNone(check) ? `${col} is never empty (NULL)` : `The ${share}empty (NULL) values of ${col} is ${limit}`;
    case 'missingValues': {
      const extra = (check.missingValues ?? []).filter((v) => v !== null);
      const what = extra.length > 0 ? `empty or ${listText(extra.map((v) => JSON.stringify(v)))}` : 'empty';
      return isNone(check) ? `${col} is never missing (${what})` : `The ${share}missing (${what}) values of ${col} is ${limit}`;
    }
    case 'duplicateValues':
      return isNone(check) ? `${col} has no duplicates` : `The ${share}duplicate values of ${col} is ${limit}`;
    case 'invalidValues': {
      const parts: string[] = [];
      if (check.validValues) parts.push(`one of ${listText(check.validValues)}`);
      if (check.minimum !== undefined && check.maximum !== undefined) parts.push(`between ${check.minimum} and ${check.maximum}`);
      else if (check.minimum !== undefined) parts.push(`at least ${check.minimum}`);
      else if (check.maximum !== undefined) parts.push(`at most ${check.maximum}`);
      const valid = parts.join(' and ');
      return isNone(check) ? `${col} is ${valid} (where set)` : `The ${share}values of ${col} that are not ${valid} is ${limit}`;
    }
    case 'freshness': {
      const [a] = check.threshold;
      if (check.operator === 'mustBeLessOrEqualTo') return `The newest ${col} is at most ${a} hours old`;
      if (check.operator === 'mustBeLessThan') return `The newest ${col} is less than ${a} hours old`;
      return `Hours since the newest ${col} ${limit}`;
    }
  }
}

function ruleId(rule: QualityRule, column: string | null, metric: string, index: number): string {
  if (typeof rule.id === 'string' && rule.id !== '') return rule.id;
  if (typeof rule.name === 'string' && rule.name !== '') return rule.name;
  return `${column ?? 'table'}_${metric}_${index + 1}`;
}

type Scalar = string | number | boolean;
function scalars(value: unknown): Scalar[] | null {
  if (!Array.isArray(value)) return null;
  const ok = value.filter((v): v is Scalar => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)));
  return ok;
}

function numberArg(args: Record<string, unknown> | undefined, key: string): number | undefined {
  const v = args?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** One ODCS rule to a check, or null (with the reason in words) when it cannot run here. */
export function toCheck(rule: QualityRule, column: string | null, index: number): { check: QualityCheck | null; text: string } {
  const metric = typeof rule.metric === 'string' ? rule.metric : undefined;
  const id = ruleId(rule, column, metric ?? 'rule', index);
  const about = rule.description ?? rule.name ?? id;
  const notChecked = (why: string) => ({ check: null, text: `${about} (${why})` });
  if (rule.type !== undefined && rule.type !== 'library' && metric === undefined) return notChecked(`a ${rule.type} rule, not checked by Meshwork`);
  if (!metric || !(QUALITY_METRICS as readonly string[]).includes(metric)) return notChecked(`metric ${metric ?? 'none'} is not checked by Meshwork`);
  if (metric !== 'rowCount' && column === null) return notChecked(`${metric} needs a column`);
  const bound = thresholdOf(rule);
  if (!bound) return notChecked('no threshold');
  const unit = typeof rule.unit === 'string' && rule.unit.toLowerCase() === 'percent' && metric !== 'rowCount' && metric !== 'freshness' ? 'percent' : 'rows';
  const args = rule.arguments as Record<string, unknown> | undefined;
  const check: QualityCheck = {
    id,
    column: metric === 'rowCount' ? null : column,
    metric: metric as QualityMetric,
    unit,
    severity: severityOf(rule.severity),
    operator: bound.operator,
    threshold: bound.threshold,
  };
  if (metric === 'invalidValues') {
    const valid = scalars(args?.validValues);
    const minimum = numberArg(args, 'minimum');
    const maximum = numberArg(args, 'maximum');
    if (!valid && minimum === undefined && maximum === undefined) return notChecked('invalidValues without validValues, minimum or maximum');
    if (valid) check.validValues = valid;
    if (minimum !== undefined) check.minimum = minimum;
    if (maximum !== undefined) check.maximum = maximum;
  }
  if (metric === 'missingValues') {
    const missing = scalars(args?.missingValues);
    if (missing) check.missingValues = missing;
  }
  const parsed = qualityCheckSchema.safeParse(check);
  if (!parsed.success) return notChecked('a value is out of range');
  return { check: parsed.data, text: describeCheck(parsed.data) };
}

/** Every quality rule of the contract's table (table-level first, then column by column). */
export function contractRules(contract: OdcsContract): ContractRule[] {
  const table = contract.schema[0];
  if (!table) return [];
  const rules: ContractRule[] = [];
  const add = (rule: QualityRule, column: string | null, index: number) => {
    const { check, text } = toCheck(rule, column, index);
    // A row count declared on a column is still a table rule: the check's column is the truth.
    rules.push({
      id: check?.id ?? ruleId(rule, column, String(rule.metric ?? 'rule'), index),
      column: check ? check.column : column,
      severity: severityOf(rule.severity),
      text,
      check,
    });
  };
  (table.quality ?? []).forEach((rule, i) => add(rule, null, i));
  for (const p of table.properties) (p.quality ?? []).forEach((rule, i) => add(rule, p.name, i));
  return rules;
}

/** The runnable checks of a contract (what a pull measures). */
export function contractChecks(contract: OdcsContract): QualityCheck[] {
  return contractRules(contract)
    .map((r) => r.check)
    .filter((c): c is QualityCheck => c !== null);
}

/** A check and its measured value as a stored result. */
export function qualityResult(check: QualityCheck, observed: number | null): QualityResult {
  return {
    id: check.id,
    column: check.column,
    severity: check.severity,
    text: describeCheck(check),
    passed: thresholdMet(check, observed),
    observed,
    threshold: thresholdText(check),
  };
}

export interface QualitySummary {
  status: 'passed' | 'warnings' | 'failed' | 'unchecked';
  failedErrors: number;
  warnings: number;
  checked: number;
}

/** The catalog badge: failed (an error-level rule failed), n warnings, passed, or unchecked. */
export function summariseQuality(results: readonly QualityResult[] | null | undefined): QualitySummary {
  if (!results) return { status: 'unchecked', failedErrors: 0, warnings: 0, checked: 0 };
  const failedErrors = results.filter((r) => !r.passed && r.severity === 'error').length;
  const warnings = results.filter((r) => !r.passed && r.severity !== 'error').length;
  const status = failedErrors > 0 ? 'failed' : warnings > 0 ? 'warnings' : 'passed';
  return { status, failedErrors, warnings, checked: results.length };
}

/** "lifecycle_stage_values: observed 3, expected = 0 (lifecycle_stage is one of ...)". */
export function failureText(result: QualityResult): string {
  return `${result.text}: observed ${result.observed === null ? 'nothing to measure' : result.observed}, expected ${result.threshold} (rule ${result.id})`;
}
