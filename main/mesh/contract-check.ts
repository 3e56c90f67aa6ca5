import type { OdcsContract } from '../../shared/contracts/odcs';
import { schemaMismatches, type ActualColumn, type SchemaMismatch } from '../../shared/contracts/schema-check';

/**
 * Types a Parquet writer may use for a contract's TIMESTAMP: pyarrow writes nanoseconds by
 * default, Spark and pandas write time-zone-aware instants. The engine reads each of them as a
 * plain UTC TIMESTAMP (main/engine/load-products.ts), so they are the same column, not drift.
 */
const TIMESTAMP_SPELLINGS = new Set(['TIMESTAMP', 'TIMESTAMP WITH TIME ZONE', 'TIMESTAMPTZ', 'TIMESTAMP_NS', 'TIMESTAMP_MS', 'TIMESTAMP_S']);

/** Narrower whole numbers fit a BIGINT column exactly (a writer may pick INTEGER for small counts). */
const FITS_BIGINT = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'UTINYINT', 'USMALLINT', 'UINTEGER']);

function compatible(expected: string, actual: string): boolean {
  if (expected === 'TIMESTAMP') return TIMESTAMP_SPELLINGS.has(actual);
  if (expected === 'BIGINT') return FITS_BIGINT.has(actual);
  return false;
}

/**
 * The extract's columns against its contract: a missing pinned column, or a type the workbench
 * cannot read as the contract's, is a refusal that names the column. Everything else
 * (extra columns, equivalent spellings) passes.
 */
export function contractProblems(contract: OdcsContract, columns: readonly ActualColumn[]): SchemaMismatch[] {
  return schemaMismatches(contract, columns).filter((m) => !(m.problem === 'wrong_type' && m.actual !== null && compatible(m.expected, m.actual)));
}
