import type { RuleNode } from '../../../../shared/specs/segment-rule';

/**
 * The builder's fields, as each condition editor names them (test ids `rule-<path>-<field>`).
 * `null` is the condition as a whole.
 */
export type ConditionField = 'attribute' | 'op' | 'value' | 'values' | 'lo' | 'hi' | 'name' | 'min' | 'max' | 'days' | 'consent';

/** An error placed on one field of one condition, in words a marketer can act on. */
export interface FieldError {
  node: number[];
  field: ConditionField | null;
  message: string;
}

/** The allowed ranges the builder offers (the rule grammar allows more; the builder asks for sensible input). */
export const FIELD_LIMITS = {
  minDays: 1,
  maxDays: 3650,
  maxCount: 1_000_000,
} as const;

export const FIELD_HINTS: Record<'days' | 'min' | 'max', string> = {
  days: `Use a whole number of days from ${FIELD_LIMITS.minDays} to 3,650.`,
  min: 'Use a whole number of times from 0 to 1,000,000.',
  max: 'Use a whole number of times, no fewer than "at least".',
};

const COUNT_FIELDS: Record<string, ConditionField> = {
  event: 'name',
  conversion: 'name',
  min_count: 'min',
  max_count: 'max',
  within_days: 'days',
  attribute: 'attribute',
  op: 'op',
  consent: 'consent',
};

/** `rule.all[1].any[0].within_days` as tokens: rule, all, 1, any, 0, within_days. */
function tokens(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) out.push(Number(match[2]));
    else if (match[1] !== undefined) out.push(match[1]);
  }
  return out;
}

/** Comparison signs of the engine's messages in words. */
function plainComparisons(text: string): string {
  return text.replace(/>=\s*/g, 'at least ').replace(/<=\s*/g, 'at most ').replace(/>\s*/g, 'more than ').replace(/<\s*/g, 'less than ');
}

function valueMessage(message: string): string {
  if (/must be a number/.test(message)) return 'Enter a number.';
  if (/must be true or false/.test(message)) return 'Pick yes or no.';
  if (/must be a string/.test(message)) return 'Enter text.';
  if (/ISO-8601 date/.test(message)) return 'Pick a date.';
  if (/same type/.test(message)) return 'Enter two values of the same kind.';
  return 'Enter a valid value.';
}

function plainMessage(code: string | undefined, field: ConditionField | null, message: string, node: RuleNode | null): string {
  if (code === 'pii_not_permitted') return 'Your role cannot filter on personal data; pick another property.';
  if (code === 'unknown_column') {
    if (field === 'consent') return 'Your Customer 360 extract has no consent flag for this purpose.';
    return 'This property is not in your Customer 360 extract; pick another.';
  }
  switch (field) {
    case 'days':
      return FIELD_HINTS.days;
    case 'min':
      return FIELD_HINTS.min;
    case 'max':
      return FIELD_HINTS.max;
    case 'name':
      return node && 'conversion' in node ? 'Pick a conversion type.' : 'Pick an event.';
    case 'attribute':
      return 'Pick a property.';
    case 'op':
      return /text column/.test(message) ? 'This comparison works only on text properties; pick another.' : 'Pick a comparison.';
    case 'value':
    case 'values':
    case 'lo':
    case 'hi':
      return valueMessage(message);
    default: {
      // Whatever is left: the engine's sentence without its path, signs in words.
      const tail = message.replace(/^\S*rule\S*\s*/, '').replace(/customers\.(\w+)/g, '$1');
      const text = plainComparisons(tail || 'This condition cannot run as it is.');
      return text.charAt(0).toUpperCase() + text.slice(1).replace(/\.?$/, '.');
    }
  }
}

/**
 * Places an error from the engine (an AppError whose `path` points into the rule, such as
 * `rule.all[1].any[0].within_days`) on the builder's condition and field, with a message in
 * plain words. Returns null when the path is not inside `rule` (the caller shows it above the
 * rule instead).
 */
export function fieldErrorFor(rule: RuleNode, error: { code?: string | undefined; message: string; path?: string | undefined }): FieldError | null {
  if (!error.path) return null;
  const parts = tokens(error.path);
  if (parts[0] !== 'rule') return null;
  const node: number[] = [];
  let at: RuleNode | undefined = rule;
  let i = 1;
  while (i < parts.length && at) {
    const part = parts[i];
    const next = parts[i + 1];
    if ((part === 'all' || part === 'any') && typeof next === 'number' && part in at) {
      node.push(next);
      at = (at as Record<'all' | 'any', RuleNode[]>)[part][next];
      i += 2;
    } else if (part === 'not' && 'not' in at) {
      node.push(0);
      at = at.not;
      i += 1;
    } else break;
  }
  const key = parts[i];
  let field: ConditionField | null = null;
  if (key === 'value') {
    const index = parts[i + 1];
    const op = at && 'op' in at ? at.op : null;
    if (op === 'between') field = index === 1 ? 'hi' : 'lo';
    else if (op === 'in' || op === 'not_in') field = 'values';
    else field = 'value';
  } else if (typeof key === 'string') {
    field = COUNT_FIELDS[key] ?? null;
  }
  return { node, field, message: plainMessage(error.code, field, error.message, at ?? null) };
}
