import type { QueryEngine } from '../engine';
import type { ColumnInfo } from '../specs/column-check';

/** The columns of a loaded product table or view, in table order (empty when it does not exist). */
export async function tableColumns(db: QueryEngine, table: string): Promise<ColumnInfo[]> {
  return db.all<{ name: string; type: string }>(
    "SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = $1 AND table_schema = 'main' ORDER BY ordinal_position",
    [table],
  );
}
