import type { QueryEngine } from '../../shared/engine';

/**
 * Parquet inspection for the mesh client's contract check: the parts' schema and row count read
 * from their footers (no data is scanned). The file list is the engine's own loading input (paths
 * in the extract cache), quoted as SQL string literals because read_parquet takes no parameters
 * for its file list.
 */
export interface ParquetDescription {
  columns: { name: string; type: string }[];
  rows: number;
}

/** The parts as a read_parquet file list (also the quality check's source, main/mesh/quality). */
export function fileList(files: readonly string[]): string {
  return `[${files.map((f) => `'${f.replace(/'/g, "''")}'`).join(', ')}]`;
}

export async function describeParquet(db: QueryEngine, files: readonly string[]): Promise<ParquetDescription> {
  const list = fileList(files);
  const columns = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM read_parquet(${list})`);
  const [count] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM read_parquet(${list})`);
  return { columns: columns.map((c) => ({ name: c.column_name, type: c.column_type })), rows: count?.n ?? 0 };
}
