/**
 * What a number field's text means. Kept apart from the component so the rules are tested
 * without a DOM: the field never rewrites what the user is typing (clearing it and typing 14
 * gives 14, not 114), and a value outside the allowed range is explained at the field instead
 * of being clamped silently.
 */
export interface NumberRules {
  min?: number;
  max?: number;
  /** Whole numbers only (counts, days). */
  integer?: boolean;
  /** An empty field is a valid "no value" (for example "at most: any"). */
  optional?: boolean;
  /** How the quantity reads in a message: "days", "users". */
  unit?: string;
}

export type ParsedNumber = { ok: true; value: number | undefined } | { ok: false; message: string };

function describe(n: number, unit: string | undefined): string {
  return unit ? `${n.toLocaleString('en-US')} ${unit}` : n.toLocaleString('en-US');
}

/** The plain-words range a field accepts, e.g. "between 1 and 365 days". */
export function rangeText(rules: NumberRules): string {
  const { min, max, unit } = rules;
  if (min !== undefined && max !== undefined) return `between ${describe(min, undefined)} and ${describe(max, unit)}`;
  if (min !== undefined) return `at least ${describe(min, unit)}`;
  if (max !== undefined) return `at most ${describe(max, unit)}`;
  return 'a number';
}

export function parseNumberInput(text: string, rules: NumberRules): ParsedNumber {
  const trimmed = text.trim();
  if (trimmed === '')
    return rules.optional
      ? { ok: true, value: undefined }
      : { ok: false, message: `Enter ${rules.integer ? 'a whole number' : 'a number'} ${rangeText(rules)}.` };
  // Number('') is 0 and Number('1e3') is 1000: accept plain decimals only, as people type them.
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(trimmed)) return { ok: false, message: `"${trimmed}" is not a number.` };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, message: `"${trimmed}" is not a number.` };
  if (rules.integer && !Number.isInteger(value)) return { ok: false, message: `Use a whole number ${rangeText(rules)}.` };
  if ((rules.min !== undefined && value < rules.min) || (rules.max !== undefined && value > rules.max)) {
    return { ok: false, message: `Use a value ${rangeText(rules)}.` };
  }
  return { ok: true, value };
}

/** The text a stored value shows as (undefined shows as an empty field). */
export function formatNumberInput(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}
