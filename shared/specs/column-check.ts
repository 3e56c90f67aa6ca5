import { ruleAttributes, type RuleNode } from './segment-rule';
import { SpecError } from './spec-error';

export interface ColumnInfo {
  name: string;
  /** DuckDB type name, e.g. `VARCHAR`, `DOUBLE`, `TIMESTAMP`. */
  type: string;
  /** Set for a score column joined from another product by customer_id (segment/score-columns.ts). */
  source?: string;
}

/** Every attribute a segment rule names must be a column of the loaded `customers` table. */
export function checkSegmentColumns(rule: RuleNode, customerColumns: readonly ColumnInfo[]): void {
  const known = new Set(customerColumns.map((c) => c.name));
  for (const [attribute, path] of ruleAttributes(rule)) {
    if (!known.has(attribute)) {
      throw new SpecError('unknown_column', `${path} "${attribute}" is not a column of customers; use one of: ${[...known].join(', ')}`, path);
    }
  }
}
