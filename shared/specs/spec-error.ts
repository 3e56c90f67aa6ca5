import type { z } from 'zod';
import { AppError, formatPath, type ErrorCode } from '../errors';

export { formatPath } from '../errors';

/**
 * A spec that cannot run: the app's AppError with a path that is always set. `path` points into
 * the spec JSON (`models[3].half_life_days`) so the visual builder can highlight the field and
 * the CLI can print it; `message` starts with that path.
 */
export class SpecError extends AppError {
  declare readonly path: string;
  constructor(code: ErrorCode, message: string, path: string) {
    super(code, message, path);
    this.name = 'SpecError';
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : JSON.stringify(value);
}

/** zod's own messages start like this; anything else was written for the field by a schema. */
const ZOD_DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized|Expected|Required)/;

/**
 * A schema's own message, anchored at the full path: `half_life_days must be > 0` at
 * `models[3].half_life_days` reads `models[3].half_life_days must be > 0`.
 */
function customMessage(issue: z.core.$ZodIssue, where: string): string | null {
  if (ZOD_DEFAULT_MESSAGE.test(issue.message)) return null;
  const last = issue.path[issue.path.length - 1];
  if (typeof last === 'string' && issue.message.startsWith(`${last} `)) return `${where}${issue.message.slice(last.length)}`;
  if (/^(must|is|has|may) /.test(issue.message)) return `${where} ${issue.message}`;
  return `${where}: ${issue.message}`;
}

/** One zod issue as a sentence a marketer or an analyst can act on. */
function issueMessage(issue: z.core.$ZodIssue, input: unknown, allowed?: readonly string[]): string {
  const where = formatPath(issue.path) || 'the spec';
  const custom = customMessage(issue, where);
  if (custom !== null) return custom;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return `${where} is required`;
      return `${where} must be ${issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}, not ${describe(input)}`;
    case 'too_small': {
      if (issue.origin === 'array') return `${where} must have at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === 'string') return `${where} must not be empty`;
      return `${where} must be ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}`;
    }
    case 'too_big': {
      if (issue.origin === 'array') return `${where} must have at most ${String(issue.maximum)} item(s)`;
      return `${where} must be ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}`;
    }
    case 'invalid_value':
      return `${where} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, not ${describe(input)}`;
    case 'invalid_format':
      return `${where} must be ${issue.format === 'datetime' ? 'an ISO-8601 timestamp such as 2026-06-30T00:00:00Z' : `a valid ${issue.format}`}`;
    case 'unrecognized_keys':
      return unknownFieldsMessage(where === 'the spec' ? '' : where, issue.keys, allowed ?? []);
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (Array.isArray(options)) {
        if (input === undefined) return `${where} is required: one of ${options.map((o) => JSON.stringify(o)).join(', ')}`;
        return `${where} must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}, not ${describe(input)}`;
      }
      const expected = issue.errors
        .map((branch) => branch[0])
        .filter((first) => first?.code === 'invalid_type')
        .map((first) => (first as { expected: string }).expected);
      if (expected.length === issue.errors.length && expected.length > 0)
        return `${where} must be ${expected.map((e) => `a ${e}`).join(' or ')}, not ${describe(input)}`;
      return `${where} is not valid: ${issue.message}`;
    }
    default:
      return `${where}: ${issue.message}`;
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/**
 * The first zod issue of a failed parse, as a SpecError (code `invalid_spec`). Pass the schema
 * that failed so an unknown field can be answered with the nearest field that object accepts
 * (`min_cnt` -> `min_count`); without it the suggestion comes from the spec vocabulary.
 */
export function specErrorFromZod(error: z.ZodError, input: unknown, schema?: z.ZodType, pathPrefix: readonly PropertyKey[] = []): SpecError {
  const issue = error.issues[0];
  if (!issue) return new SpecError('invalid_spec', 'the spec is not valid', '');
  if (issue.code === 'unrecognized_keys') {
    const where = formatPath(issue.path);
    const local = issue.path.slice(pathPrefix.length);
    const allowed = (schema && objectKeysAt(schema, local, valueAt(input, pathPrefix))) ?? SPEC_VOCABULARY;
    // The path is the object holding the field (the node a builder can highlight).
    return new SpecError('invalid_spec', unknownFieldsMessage(where, issue.keys, allowed), where);
  }
  const path = formatPath(issue.path);
  return new SpecError('invalid_spec', issueMessage(issue, valueAt(input, issue.path)), path);
}

/**
 * Field names used across spec kinds: the fallback for suggestions when the failing schema is
 * not known (a typo is almost always of a field that exists somewhere in the spec language).
 */
const SPEC_VOCABULARY = [
  'kind',
  'conversion_type',
  'lookback_days',
  'interactions',
  'models',
  'model',
  'first_weight',
  'last_weight',
  'half_life_days',
  'order',
  'as_of',
  'include_members',
  'rule',
  'all',
  'any',
  'not',
  'attribute',
  'op',
  'value',
  'event',
  'conversion',
  'consent',
  'min_count',
  'max_count',
  'within_days',
  'experiment_id',
  'control',
  'window_days',
  'alpha',
  'cuped',
  'expected_split',
  'metrics',
  'name',
  'type',
];

/** Levenshtein distance (insert, delete, substitute), enough for field-name typos. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The allowed name closest to `name`, when it is close enough to be a typo: at most a third of
 * the longer name's letters differ (`min_cnt` -> `min_count`, `include_membres` -> `include_members`).
 */
export function nearestName(name: string, allowed: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === null) return null;
  return bestDistance <= Math.max(2, Math.ceil(Math.max(name.length, best.length) / 3)) ? best : null;
}

/** `rule.all[0] has unknown field "min_cnt" (did you mean "min_count"?)`. */
export function unknownFieldsMessage(where: string, keys: readonly string[], allowed: readonly string[]): string {
  const subject = where || 'the spec';
  const described = keys.map((key) => {
    const near = nearestName(key, allowed);
    return near ? `"${key}" (did you mean "${near}"?)` : `"${key}"`;
  });
  const list = allowed.length > 0 && allowed !== SPEC_VOCABULARY ? `; allowed: ${allowed.join(', ')}` : '';
  return `${subject} has unknown field${keys.length > 1 ? 's' : ''} ${described.join(', ')}${list}`;
}

/** Refuses fields of a hand-parsed object that are not in `allowed` (undefined values are absent). */
export function refuseUnknownFields(obj: Record<string, unknown>, allowed: readonly string[], path: readonly PropertyKey[]): void {
  const unknown = Object.keys(obj).filter((k) => !allowed.includes(k) && obj[k] !== undefined);
  if (unknown.length === 0) return;
  const where = formatPath(path);
  throw new SpecError('invalid_spec', unknownFieldsMessage(where, unknown, allowed), where);
}

interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  catchall?: z.ZodType;
}

/**
 * Refuses fields `schema` does not define anywhere in `input`, even where the schema's objects
 * are not strict (a loose `z.object` silently drops them): for a spec that already parsed, so
 * every value is of the expected shape. Unions follow the branch the value matches.
 */
export function checkUnknownFields(schema: z.ZodType, input: unknown, path: readonly PropertyKey[] = []): void {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      if (def.innerType && input !== undefined && input !== null) checkUnknownFields(def.innerType, input, path);
      return;
    case 'pipe':
      if (def.in) checkUnknownFields(def.in, input, path);
      return;
    case 'union': {
      const branch = (def.options ?? []).find((b) => b.safeParse(input).success);
      if (branch) checkUnknownFields(branch, input, path);
      return;
    }
    case 'array':
      if (def.element && Array.isArray(input)) input.forEach((v, i) => checkUnknownFields(def.element!, v, [...path, i]));
      return;
    case 'record':
      if (def.valueType && input !== null && typeof input === 'object') {
        for (const [k, v] of Object.entries(input)) checkUnknownFields(def.valueType, v, [...path, k]);
      }
      return;
    case 'object': {
      if (input === null || typeof input !== 'object' || Array.isArray(input)) return;
      const shape = def.shape ?? {};
      // An object schema with a catchall (other than never) accepts extra fields on purpose.
      const catchall = def.catchall ? defOf(def.catchall).type : undefined;
      if (catchall === undefined || catchall === 'never') refuseUnknownFields(input as Record<string, unknown>, Object.keys(shape), path);
      for (const [k, field] of Object.entries(shape)) checkUnknownFields(field, (input as Record<string, unknown>)[k], [...path, k]);
      return;
    }
    default:
      return;
  }
}

const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/**
 * The keys of the object schema at `path` inside `schema`, following arrays, optionals,
 * defaults, pipes and unions (a union picks the branch whose keys `value` uses most).
 */
function objectKeysAt(schema: z.ZodType, path: readonly PropertyKey[], value: unknown): string[] | null {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return def.innerType ? objectKeysAt(def.innerType, path, value) : null;
    case 'pipe':
      return def.in ? objectKeysAt(def.in, path, value) : null;
    case 'union': {
      let best: { keys: string[]; score: number } | null = null;
      for (const branch of def.options ?? []) {
        const keys = objectKeysAt(branch, path, value);
        if (!keys) continue;
        // The branch whose literal (`model: "time_decay"`) the value carries wins; else the one
        // sharing most of the value's fields.
        const used = value !== null && typeof value === 'object' ? Object.keys(value) : [];
        const score = (branchLiteralMatches(branch, value) ? 1000 : 0) + used.filter((k) => keys.includes(k)).length;
        if (!best || score > best.score) best = { keys, score };
      }
      return best?.keys ?? null;
    }
    case 'object': {
      if (path.length === 0) return Object.keys(def.shape ?? {});
      const [head, ...rest] = path;
      const child = def.shape?.[String(head)];
      return child ? objectKeysAt(child, rest, valueAt(value, [head as PropertyKey])) : null;
    }
    case 'array': {
      if (path.length === 0 || typeof path[0] !== 'number' || !def.element) return null;
      return objectKeysAt(def.element, path.slice(1), valueAt(value, [path[0]]));
    }
    default:
      return null;
  }
}

/** True when a discriminated-union branch's literal fields all equal those of `value`. */
function branchLiteralMatches(branch: z.ZodType, value: unknown): boolean {
  let def = defOf(branch);
  while ((def.type === 'pipe' && def.in) || ((def.type === 'optional' || def.type === 'default') && def.innerType)) def = defOf((def.in ?? def.innerType)!);
  if (def.type !== 'object' || !def.shape || value === null || typeof value !== 'object') return false;
  let matched = false;
  for (const [key, field] of Object.entries(def.shape)) {
    const fieldDef = defOf(field) as SchemaDef & { values?: unknown[] };
    if (fieldDef.type !== 'literal') continue;
    if (!fieldDef.values?.includes((value as Record<string, unknown>)[key])) return false;
    matched = true;
  }
  return matched;
}
