import type { QueryEngine } from '../engine';
import type { ColumnInfo } from '../specs/column-check';
import { queryRows, sql } from './sql';

/** The columns of a loaded product table or view, in table order (empty when it does not exist). */
export async function tableColumns(db: QueryEngine, table: string): Promise<ColumnInfo[]> {
  return queryRows<{ name: string; type: string }>(
    db,
    sql`SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = ${table} AND table_schema = 'main' ORDER BY ordinal_position`,
  );
}
