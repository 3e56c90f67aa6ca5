import type { RuleNode, Scalar } from '../../../../shared/specs/segment-rule';

/**
 * A segment rule in words, for the approver who signs an audience off and should not have to
 * read JSON: "lifecycle stage is customer AND lifetime value above $500 AND did purchase at
 * least 2 times in the last 90 days". Nested groups are parenthesised so AND/OR read unambiguously.
 */

/** How a column reads: its label and how its values are written. */
export interface RuleColumn {
  name: string;
  label: string;
  format?: 'usd' | 'date' | 'number' | 'text' | 'boolean';
}

/** Customer 360's columns as a marketer calls them; other columns read as their name without underscores. */
export const CUSTOMER_COLUMNS: readonly RuleColumn[] = [
  { name: 'customer_id', label: 'customer id', format: 'text' },
  { name: 'country', label: 'country', format: 'text' },
  { name: 'signup_at', label: 'signup date', format: 'date' },
  { name: 'lifecycle_stage', label: 'lifecycle stage', format: 'text' },
  { name: 'ltv', label: 'lifetime value', format: 'usd' },
  { name: 'consent_email', label: 'e-mail consent', format: 'boolean' },
  { name: 'consent_ads', label: 'ads consent', format: 'boolean' },
  { name: 'consent_analytics', label: 'analytics consent', format: 'boolean' },
  { name: 'consent_updated_at', label: 'consent updated', format: 'date' },
];

const words = (name: string) => name.replace(/_/g, ' ');

function columnOf(name: string, columns: readonly RuleColumn[]): RuleColumn {
  return columns.find((c) => c.name === name) ?? CUSTOMER_COLUMNS.find((c) => c.name === name) ?? { name, label: words(name) };
}

function formatValue(value: Scalar, column: RuleColumn): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    const n = value.toLocaleString('en-US', { maximumFractionDigits: 6 });
    return column.format === 'usd' ? (value < 0 ? `-$${n.slice(1)}` : `$${n}`) : n;
  }
  // A timestamp reads as its day when it is midnight UTC, which is what the date picker writes.
  if (column.format === 'date') return value.replace(/T00:00(:00(\.0+)?)?Z?$/, '');
  return value;
}

/** "a, b or c": a list as a sentence, with the given last joiner. */
function list(values: readonly string[], last: 'or' | 'and'): string {
  if (values.length <= 1) return values[0] ?? '';
  return `${values.slice(0, -1).join(', ')} ${last} ${values[values.length - 1]}`;
}

const COMPARISON: Record<'<' | '<=' | '>' | '>=', { plain: string; time: string }> = {
  '<': { plain: 'below', time: 'before' },
  '<=': { plain: 'at most', time: 'on or before' },
  '>': { plain: 'above', time: 'after' },
  '>=': { plain: 'at least', time: 'on or after' },
};

function describeAttribute(node: Extract<RuleNode, { attribute: string }>, columns: readonly RuleColumn[]): string {
  const column = columnOf(node.attribute, columns);
  const v = (value: Scalar) => formatValue(value, column);
  switch (node.op) {
    case '=':
      return `${column.label} is ${v(node.value)}`;
    case '!=':
      return `${column.label} is not ${v(node.value)}`;
    case '<':
    case '<=':
    case '>':
    case '>=':
      return `${column.label} ${COMPARISON[node.op][column.format === 'date' ? 'time' : 'plain']} ${v(node.value)}`;
    case 'in':
      if (node.value.length === 0) return `${column.label} is one of no values`;
      return node.value.length === 1 ? `${column.label} is ${v(node.value[0]!)}` : `${column.label} is ${list(node.value.map(v), 'or')}`;
    case 'not_in':
      if (node.value.length === 0) return `${column.label} is known`;
      return node.value.length === 1 ? `${column.label} is not ${v(node.value[0]!)}` : `${column.label} is none of ${list(node.value.map(v), 'or')}`;
    case 'between':
      return `${column.label} between ${v(node.value[0])} and ${v(node.value[1])}`;
    case 'contains':
      return `${column.label} contains "${node.value}"`;
    case 'starts_with':
      return `${column.label} starts with "${node.value}"`;
    case 'is_null':
      return `${column.label} is unknown`;
    case 'is_not_null':
      return `${column.label} is known`;
  }
}

function times(n: number): string {
  return n === 1 ? 'once' : `${n.toLocaleString('en-US')} times`;
}

/** How often, in words; `null` when the count cannot fail (at least 0, no upper bound). */
function countWords(min: number, max: number | undefined): string | null {
  if (max === undefined) return min === 0 ? null : `at least ${times(min)}`;
  if (max === 0) return 'never';
  if (min === max) return `exactly ${times(min)}`;
  if (min === 0) return `at most ${times(max)}`;
  return `between ${min.toLocaleString('en-US')} and ${times(max)}`;
}

function describeCount(name: string, node: { min_count: number; max_count?: number; within_days?: number }): string {
  const when =
    node.within_days === undefined ? '' : node.within_days === 1 ? ' in the last day' : ` in the last ${node.within_days.toLocaleString('en-US')} days`;
  const how = countWords(node.min_count, node.max_count);
  if (how === null) return `did ${words(name)} any number of times${when} (everyone)`;
  if (how === 'never') return `did not ${words(name)}${when}`;
  return `did ${words(name)} ${how}${when}`;
}

function describeNode(node: RuleNode, columns: readonly RuleColumn[], nested: boolean): string {
  if ('all' in node || 'any' in node) {
    const kids = 'all' in node ? node.all : node.any;
    if (kids.length === 0) return 'all' in node ? 'everyone' : 'no one';
    if (kids.length === 1) return describeNode(kids[0]!, columns, nested);
    const text = kids.map((k) => describeNode(k, columns, true)).join('all' in node ? ' AND ' : ' OR ');
    return nested ? `(${text})` : text;
  }
  if ('not' in node) return `NOT ${describeNode(node.not, columns, true)}`;
  if ('attribute' in node) return describeAttribute(node, columns);
  if ('event' in node) return describeCount(node.event, node);
  if ('conversion' in node) return describeCount(node.conversion, node);
  return `consented to ${node.consent}`;
}

/** The rule as one sentence; `columns` names and formats the attributes (Customer 360's by default). */
export function describeRule(rule: RuleNode, columns: readonly RuleColumn[] = CUSTOMER_COLUMNS): string {
  return describeNode(rule, columns, false);
}
