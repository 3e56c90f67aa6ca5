import { SpecError, formatPath } from './spec-error';

/**
 * Bounds on what a spec may ask for. They keep a hand-written or generated spec from reaching
 * DuckDB as something it cannot run (an int64 overflow, a parser stack overflow) and keep one
 * heavy spec from holding the engine for minutes. Each is far above what the builders produce.
 */
export const SPEC_LIMITS = {
  /** The spec as JSON text, in bytes (UTF-16 code units of the serialised form). */
  maxJsonBytes: 256 * 1024,
  /** Nesting of JSON objects and arrays anywhere in a spec. */
  maxJsonDepth: 64,
  /** Nesting of `all` / `any` / `not` groups in a segment rule. */
  maxRuleDepth: 20,
  /** Conditions (attribute, event, conversion, consent) in one rule tree, or in all rules of an overlap. */
  maxConditions: 200,
  /** Values of an `in` / `not_in` list. */
  maxListValues: 1000,
  /** Characters of any text value or name in a spec. */
  maxStringLength: 1000,
  /** Attribution models compared in one spec. */
  maxModels: 20,
  /** `within_days`, `half_life_days`: 100 years covers any real window. */
  maxDays: 36_500,
  /** `min_count` / `max_count`. */
  maxCount: 1_000_000_000,
} as const;

/**
 * Refuses a spec that is too large or too deeply nested before anything walks it recursively
 * (an iterative walk, so a 100,000-level object cannot overflow the stack here).
 */
export function checkSpecSize(input: unknown, path: readonly PropertyKey[] = []): void {
  const stack: Array<{ value: unknown; depth: number; path: readonly PropertyKey[] }> = [{ value: input, depth: 0, path }];
  let bytes = 0;
  while (stack.length > 0) {
    const { value, depth, path: at } = stack.pop()!;
    if (typeof value === 'string') bytes += value.length + 2;
    else if (value === null || typeof value !== 'object') bytes += 8;
    else {
      if (depth >= SPEC_LIMITS.maxJsonDepth) {
        const where = formatPath(at) || 'the spec';
        throw new SpecError('invalid_spec', `${where} is nested more than ${SPEC_LIMITS.maxJsonDepth} levels deep; simplify the spec`, formatPath(at));
      }
      const entries: Array<[PropertyKey, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
      bytes += 2;
      for (const [key, child] of entries) {
        if (typeof key === 'string') bytes += key.length + 4;
        else bytes += 1;
        stack.push({ value: child, depth: depth + 1, path: [...at, key] });
      }
    }
    if (bytes > SPEC_LIMITS.maxJsonBytes) {
      throw new SpecError('invalid_spec', `the spec is larger than ${SPEC_LIMITS.maxJsonBytes / 1024} KB; split it into smaller analyses`, formatPath(path));
    }
  }
}
