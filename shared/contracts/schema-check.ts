/**
 * Compares the columns an extract actually has (e.g. DuckDB's DESCRIBE of a Parquet file)
 * with its contract, so a pull can refuse a drifted extract and name the column.
 */
import { contractColumns, type OdcsContract } from './odcs';

export interface ActualColumn {
  name: string;
  type: string;
}

export interface SchemaMismatch {
  column: string;
  problem: 'missing' | 'wrong_type';
  expected: string;
  actual: string | null;
  message: string;
}

/** Spellings of the same physical type across engines and writers. */
const ALIASES: Record<string, string> = {
  STRING: 'VARCHAR',
  TEXT: 'VARCHAR',
  UTF8: 'VARCHAR',
  INT64: 'BIGINT',
  LONG: 'BIGINT',
  INT8: 'BIGINT',
  FLOAT8: 'DOUBLE',
  FLOAT64: 'DOUBLE',
  BOOL: 'BOOLEAN',
  TIMESTAMP_US: 'TIMESTAMP',
  'TIMESTAMP WITHOUT TIME ZONE': 'TIMESTAMP',
};

export function normalisePhysicalType(type: string): string {
  const upper = type.trim().toUpperCase();
  return ALIASES[upper] ?? upper;
}

export function schemaMismatches(contract: OdcsContract, actual: readonly ActualColumn[]): SchemaMismatch[] {
  const byName = new Map(actual.map((c) => [c.name, normalisePhysicalType(c.type)]));
  const mismatches: SchemaMismatch[] = [];
  for (const column of contractColumns(contract)) {
    const expected = normalisePhysicalType(column.physicalType);
    const found = byName.get(column.name);
    // A contract without a physicalType pins only that the column is there.
    if (found !== undefined && expected === '') continue;
    if (found === undefined) {
      mismatches.push({ column: column.name, problem: 'missing', expected, actual: null, message: `column ${column.name} is missing` });
    } else if (found !== expected) {
      mismatches.push({
        column: column.name,
        problem: 'wrong_type',
        expected,
        actual: found,
        message: `column ${column.name} is ${found}, the contract says ${expected}`,
      });
    }
  }
  return mismatches;
}
