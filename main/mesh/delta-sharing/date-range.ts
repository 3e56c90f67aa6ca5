/**
 * A date range on a table's date partition column, sent as both kinds of hint the protocol
 * defines (older servers read only predicateHints) and applied again here, because servers
 * filter on a best-effort basis and may return files outside it.
 */
import type { QueryBody } from './sharing-client';
import type { SharedFileLine } from './protocol';

export interface DateRange {
  /** Inclusive, YYYY-MM-DD. */
  from?: string;
  /** Inclusive, YYYY-MM-DD. */
  to?: string;
}

export function dateRangeHints(column: string, range: DateRange): QueryBody {
  const predicateHints: string[] = [];
  const children: unknown[] = [];
  const col = { op: 'column', name: column, valueType: 'date' };
  if (range.from !== undefined) {
    predicateHints.push(`${column} >= '${range.from}'`);
    children.push({ op: 'greaterThanOrEqual', children: [col, { op: 'literal', value: range.from, valueType: 'date' }] });
  }
  if (range.to !== undefined) {
    predicateHints.push(`${column} <= '${range.to}'`);
    children.push({ op: 'lessThanOrEqual', children: [col, { op: 'literal', value: range.to, valueType: 'date' }] });
  }
  if (children.length === 0) return {};
  // The protocol's `and` takes at least two children; a single bound is sent on its own.
  const tree = children.length === 1 ? children[0] : { op: 'and', children };
  return { predicateHints, jsonPredicateHints: JSON.stringify(tree) };
}

/** Keeps the files whose partition date lies in the range; a null partition value is never in it. */
export function filesInRange(files: readonly SharedFileLine[], column: string, range: DateRange): SharedFileLine[] {
  if (range.from === undefined && range.to === undefined) return [...files];
  return files.filter((f) => {
    const value = f.partitionValues[column];
    if (value === undefined || value === null || value === '') return false;
    const day = value.slice(0, 10);
    return (range.from === undefined || day >= range.from) && (range.to === undefined || day <= range.to);
  });
}
