import type { QueryEngine } from '../../../shared/engine';
import { raw } from '../../../shared/analysis/sql';
import { runQualityChecks } from '../../../shared/analysis/quality/quality-sql';
import type { QualityCheck, QualityResult } from '../../../shared/contracts/quality-rules';
import { DuckDbEngine } from '../../engine/duckdb-engine';
import { fileList } from '../../engine/parquet-footer';

/** Measures a contract's quality checks on staged Parquet parts (before they are installed). */
export type CheckQuality = (files: readonly string[], checks: readonly QualityCheck[], now: Date) => Promise<QualityResult[]>;

/**
 * The checks over the parts as one table. The file list is the pull's own staging paths, quoted
 * as literals the way the contract check's footer read does (read_parquet binds no file list).
 */
export function checkQualityOn(db: QueryEngine, files: readonly string[], checks: readonly QualityCheck[], now: Date): Promise<QualityResult[]> {
  return runQualityChecks(db, raw(`read_parquet(${fileList(files)})`), checks, now);
}

/** In-process DuckDB, for the CLI and tests (the app asks its engine process: `quality.check`). */
export const checkQualityInProcess: CheckQuality = async (files, checks, now) => {
  if (checks.length === 0) return [];
  const db = await DuckDbEngine.open(':memory:');
  try {
    return await checkQualityOn(db, files, checks, now);
  } finally {
    db.close();
  }
};
