import type { QueryEngine } from '../../engine';
import type { ColumnInfo } from '../../specs/column-check';
import { tableColumns } from '../table-columns';

/**
 * Columns of other products a segment may use as if they were customers attributes: model
 * scores keyed by customer_id. The compiler LEFT JOINs the product (its latest row per customer
 * by `scored_at`), so a customer without a score has NULL there, as with any missing attribute.
 */
export const SCORE_COLUMNS: Readonly<Record<string, string>> = { churn_probability: 'churn_scores' };

/** The product a score column comes from, or null for a customers column. */
export function scoreProduct(attribute: string): string | null {
  return Object.hasOwn(SCORE_COLUMNS, attribute) ? (SCORE_COLUMNS[attribute] as string) : null;
}

/**
 * The attributes a segment can read: the customers columns, then each score column whose product
 * is loaded (and that customers does not have itself), marked with its `source`.
 */
export async function segmentColumns(db: QueryEngine): Promise<ColumnInfo[]> {
  const columns = await tableColumns(db, 'customers');
  const own = new Set(columns.map((c) => c.name));
  for (const [name, product] of Object.entries(SCORE_COLUMNS)) {
    if (own.has(name)) continue;
    const found = (await tableColumns(db, product)).find((c) => c.name === name);
    if (found) columns.push({ ...found, source: product });
  }
  return columns;
}
