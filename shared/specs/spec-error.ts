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
function issueMessage(issue: z.core.$ZodIssue, input: unknown): string {
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
      return `${where} has unknown field(s) ${issue.keys.join(', ')}`;
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
      if (expected.length === issue.errors.length && expected.length > 0) return `${where} must be ${expected.map((e) => `a ${e}`).join(' or ')}, not ${describe(input)}`;
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

/** The first zod issue of a failed parse, as a SpecError (code `invalid_spec`). */
export function specErrorFromZod(error: z.ZodError, input: unknown): SpecError {
  const issue = error.issues[0];
  if (!issue) return new SpecError('invalid_spec', 'the spec is not valid', '');
  const path = formatPath(issue.path);
  return new SpecError('invalid_spec', issueMessage(issue, valueAt(input, issue.path)), path);
}
