import { DuckDbEngine } from '../engine/duckdb-engine';

export interface ParquetDescription {
  columns: { name: string; type: string }[];
  rows: number;
}

/** Reads the parts' schema and row count from their Parquet footers (no data is scanned). */
export type DescribeParquet = (files: readonly string[]) => Promise<ParquetDescription>;

export function describeParquetSql(files: readonly string[]): { describe: string; count: string } {
  const list = `[${files.map((f) => `'${f.replace(/'/g, "''")}'`).join(', ')}]`;
  return {
    describe: `DESCRIBE SELECT * FROM read_parquet(${list})`,
    count: `SELECT count(*) AS n FROM read_parquet(${list})`,
  };
}

/** In-process DuckDB, for the CLI and tests (the app asks its engine process instead). */
export const describeParquetInProcess: DescribeParquet = async (files) => {
  const db = await DuckDbEngine.open(':memory:');
  try {
    const sql = describeParquetSql(files);
    const columns = await db.all<{ column_name: string; column_type: string }>(sql.describe);
    const [count] = await db.all<{ n: number }>(sql.count);
    return { columns: columns.map((c) => ({ name: c.column_name, type: c.column_type })), rows: count?.n ?? 0 };
  } finally {
    db.close();
  }
};
