import { z } from 'zod';
import { SpecError, formatPath, refuseUnknownFields, specErrorFromZod } from './spec-error';
import { SPEC_LIMITS } from './spec-limits';

/**
 * The segment rule tree of SPEC section 4. Nodes are told apart by their one defining key
 * (`all`, `any`, `not`, `attribute`, `event`, `conversion`, `consent`), so the parser walks the
 * tree by hand and gives every error the JSON path of the node that is wrong.
 */
export type Scalar = string | number | boolean;

export const COMPARISON_OPS = ['=', '!=', '<', '<=', '>', '>='] as const;
export const ATTRIBUTE_OPS = [...COMPARISON_OPS, 'in', 'not_in', 'between', 'contains', 'starts_with', 'is_null', 'is_not_null'] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];
export type AttributeOp = (typeof ATTRIBUTE_OPS)[number];

export type AttributeCondition =
  | { attribute: string; op: ComparisonOp; value: Scalar }
  | { attribute: string; op: 'in' | 'not_in'; value: Scalar[] }
  | { attribute: string; op: 'between'; value: [Scalar, Scalar] }
  | { attribute: string; op: 'contains' | 'starts_with'; value: string }
  | { attribute: string; op: 'is_null' | 'is_not_null' };

export interface CountCondition {
  min_count: number;
  max_count?: number;
  within_days?: number;
}
export type EventCondition = CountCondition & { event: string };
export type ConversionCondition = CountCondition & { conversion: string };
export interface ConsentCondition {
  consent: 'email' | 'ads' | 'analytics';
}

export type RuleNode =
  { all: RuleNode[] } | { any: RuleNode[] } | { not: RuleNode } | AttributeCondition | EventCondition | ConversionCondition | ConsentCondition;

const text = z.string().max(SPEC_LIMITS.maxStringLength, `must be at most ${SPEC_LIMITS.maxStringLength} characters`);
// Numbers compare as DOUBLE; JSON's 1e999 parses to Infinity, which no column holds.
const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const scalar = z.union([text, finite, z.boolean()], {
  error: 'must be a string, a number or true/false',
});

const countFields = {
  min_count: z.number().int().min(0).max(SPEC_LIMITS.maxCount).default(1),
  max_count: z.number().int().min(0).max(SPEC_LIMITS.maxCount).optional(),
  within_days: z.number().min(0).max(SPEC_LIMITS.maxDays).optional(),
};

const eventSchema = z.strictObject({ event: text.min(1), ...countFields });
const conversionSchema = z.strictObject({ conversion: text.min(1), ...countFields });
const consentSchema = z.strictObject({ consent: z.enum(['email', 'ads', 'analytics']) });

const attributeHead = z.object({ attribute: text.min(1), op: z.enum(ATTRIBUTE_OPS) });
const ATTRIBUTE_FIELDS = ['attribute', 'op', 'value'] as const;
const list = z.array(scalar).max(SPEC_LIMITS.maxListValues, `must have at most ${SPEC_LIMITS.maxListValues} values`);
const valueSchemas: Record<AttributeOp, z.ZodType | null> = {
  '=': scalar,
  '!=': scalar,
  '<': scalar,
  '<=': scalar,
  '>': scalar,
  '>=': scalar,
  in: list,
  not_in: list,
  between: z.tuple([scalar, scalar]),
  contains: text,
  starts_with: text,
  is_null: null,
  is_not_null: null,
};

const NODE_KEYS = ['all', 'any', 'not', 'attribute', 'event', 'conversion', 'consent'] as const;

function fail(path: PropertyKey[], message: string): never {
  const where = formatPath(path) || 'rule';
  throw new SpecError('invalid_spec', `${where} ${message}`, where);
}

function withPrefix<T>(schema: z.ZodType<T>, input: unknown, path: PropertyKey[]): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const shifted = new z.ZodError(result.error.issues.map((i) => ({ ...i, path: [...path, ...i.path] })));
  throw specErrorFromZod(shifted, wrap(input, path), schema, path);
}

/** Rebuilds the outer object around a node so error messages can look values up by full path. */
function wrap(input: unknown, path: PropertyKey[]): unknown {
  let out: unknown = input;
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    if (typeof key === 'number') {
      const arr: unknown[] = [];
      arr[key] = out;
      out = arr;
    } else if (key !== undefined) {
      out = { [key]: out };
    }
  }
  return out;
}

/** What one parse may still spend: conditions are counted across the whole tree (or all rules). */
export interface RuleBudget {
  conditions: number;
}

export function ruleBudget(): RuleBudget {
  return { conditions: SPEC_LIMITS.maxConditions };
}

/**
 * Parses one rule node (and its children); `path` is where it sits in the spec, e.g. `['rule']`.
 * Groups nest at most SPEC_LIMITS.maxRuleDepth levels and a tree holds at most
 * SPEC_LIMITS.maxConditions conditions (share one `budget` between rules parsed together).
 */
export function parseRule(input: unknown, path: PropertyKey[] = ['rule'], budget: RuleBudget = ruleBudget(), depth = 0): RuleNode {
  if (input === undefined) fail(path, 'is required');
  if (depth > SPEC_LIMITS.maxRuleDepth)
    fail(path, `is nested more than ${SPEC_LIMITS.maxRuleDepth} groups deep; flatten the rule (an "all" inside an "all" can be one "all")`);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    fail(path, `must be a rule object with one of ${NODE_KEYS.join(', ')}`);
  }
  const obj = input as Record<string, unknown>;
  const keys = NODE_KEYS.filter((k) => k in obj);
  if (keys.length === 0) fail(path, `must have one of ${NODE_KEYS.join(', ')}`);
  if (keys.length > 1) fail(path, `must have only one of ${keys.join(', ')} (split it into an "all" of separate conditions)`);
  const key = keys[0];
  if (key !== 'all' && key !== 'any' && key !== 'not') {
    budget.conditions -= 1;
    if (budget.conditions < 0) fail(path, `is one condition too many: a segment may have at most ${SPEC_LIMITS.maxConditions} conditions`);
  }
  switch (key) {
    case 'all':
    case 'any': {
      refuseUnknownFields(obj, [key], path);
      const children = obj[key];
      if (!Array.isArray(children)) fail([...path, key], 'must be an array of rules');
      const parsed = children.map((child, i) => parseRule(child, [...path, key, i], budget, depth + 1));
      return key === 'all' ? { all: parsed } : { any: parsed };
    }
    case 'not':
      refuseUnknownFields(obj, ['not'], path);
      return { not: parseRule(obj.not, [...path, 'not'], budget, depth + 1) };
    case 'attribute': {
      refuseUnknownFields(obj, ATTRIBUTE_FIELDS, path);
      const head = withPrefix(attributeHead, obj, path);
      const valueSchema = valueSchemas[head.op];
      if (valueSchema === null) return { attribute: head.attribute, op: head.op } as AttributeCondition;
      const value = withPrefix(valueSchema, obj.value, [...path, 'value']);
      if (head.op === 'between') {
        const [lo, hi] = value as [Scalar, Scalar];
        if (typeof lo !== typeof hi) fail([...path, 'value'], 'must be two values of the same type [lo, hi]');
      }
      return { attribute: head.attribute, op: head.op, value } as AttributeCondition;
    }
    case 'event':
    case 'conversion': {
      const parsed: EventCondition | ConversionCondition = key === 'event' ? withPrefix(eventSchema, obj, path) : withPrefix(conversionSchema, obj, path);
      if (parsed.max_count !== undefined && parsed.max_count < parsed.min_count) {
        fail([...path, 'max_count'], `must be >= min_count (${parsed.min_count})`);
      }
      return parsed;
    }
    case 'consent':
      return withPrefix(consentSchema, obj, path);
    default:
      return fail(path, 'is not a rule');
  }
}

/** Every `customers` column a rule reads, with the path of the first condition that names it. */
export function ruleAttributes(node: RuleNode, path: PropertyKey[] = ['rule'], out = new Map<string, string>()): Map<string, string> {
  if ('all' in node) node.all.forEach((c, i) => ruleAttributes(c, [...path, 'all', i], out));
  else if ('any' in node) node.any.forEach((c, i) => ruleAttributes(c, [...path, 'any', i], out));
  else if ('not' in node) ruleAttributes(node.not, [...path, 'not'], out);
  else if ('attribute' in node && !out.has(node.attribute)) out.set(node.attribute, formatPath([...path, 'attribute']));
  return out;
}
