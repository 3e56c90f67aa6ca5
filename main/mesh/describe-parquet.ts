import { DuckDbEngine } from '../engine/duckdb-engine';
import { describeParquet, type ParquetDescription } from '../engine/parquet-footer';

export type { ParquetDescription } from '../engine/parquet-footer';

/** Reads the parts' schema and row count from their Parquet footers (no data is scanned). */
export type DescribeParquet = (files: readonly string[]) => Promise<ParquetDescription>;

/** In-process DuckDB, for the CLI and tests (the app asks its engine process instead). */
export const describeParquetInProcess: DescribeParquet = async (files) => {
  const db = await DuckDbEngine.open(':memory:');
  try {
    return await describeParquet(db, files);
  } finally {
    db.close();
  }
};
