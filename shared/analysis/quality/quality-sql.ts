/**
 * The SQL of a contract's quality checks (shared/contracts/quality-rules.ts): one aggregate
 * query over the extract measures every check in a single scan, one output column per check.
 * Column names are quoted identifiers, every value from the contract is a bound parameter; the
 * source (a `read_parquet([...])` of the staged parts) is fixed by the caller.
 *
 * Semantics (docs/governance.md): NULL is never a duplicate, an invalid or an out-of-range
 * value (nullValues counts it); percentages are shares of all rows (0 on an empty extract);
 * freshness is hours from the column's newest value to `nowEpochSeconds`, NULL when the
 * column has no value at all (the check then fails).
 */
import type { QueryEngine } from '../../engine';
import { ident, joinSql, queryRows, raw, sql, type Sql } from '../sql';
import { qualityResult, type QualityCheck, type QualityResult } from '../../contracts/quality-rules';

type Scalar = string | number | boolean;

/** A value matches one of `values`: strings and booleans compare as text, numbers as numbers. */
function matchesAny(col: Sql, values: readonly Scalar[]): Sql {
  const texts = values.filter((v) => typeof v !== 'number').map(String);
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const parts: Sql[] = [];
  if (texts.length > 0) parts.push(sql`list_contains(${texts}::VARCHAR[], CAST(${col} AS VARCHAR))`);
  if (numbers.length > 0) parts.push(sql`coalesce(list_contains(${numbers}::DOUBLE[], TRY_CAST(${col} AS DOUBLE)), false)`);
  return parts.length === 0 ? raw('false') : sql`(${joinSql(parts, ' OR ')})`;
}

/** The rows a count-type check counts, as a predicate on one row. */
function offending(check: QualityCheck, col: Sql): Sql {
  switch (check.metric) {
    case 'nullValues':
      return sql`${col} IS NULL`;
    case 'missingValues': {
      const listed = (check.missingValues ?? []).filter((v) => v !== null);
      return listed.length === 0 ? sql`${col} IS NULL` : sql`(${col} IS NULL OR ${matchesAny(col, listed)})`;
    }
    case 'invalidValues': {
      const bad: Sql[] = [];
      if (check.validValues) bad.push(sql`NOT ${matchesAny(col, check.validValues)}`);
      if (check.minimum !== undefined || check.maximum !== undefined) {
        const value = sql`TRY_CAST(${col} AS DOUBLE)`;
        // A value that is not a number at all is outside any numeric range.
        const outside: Sql[] = [sql`${value} IS NULL`];
        if (check.minimum !== undefined) outside.push(sql`${value} < ${check.minimum}`);
        if (check.maximum !== undefined) outside.push(sql`${value} > ${check.maximum}`);
        bad.push(sql`(${joinSql(outside, ' OR ')})`);
      }
      return sql`(${col} IS NOT NULL AND (${joinSql(bad, ' OR ')}))`;
    }
    default:
      throw new Error(`${check.metric} is not a per-row count`);
  }
}

/** The measured value of one check, as an aggregate expression (DOUBLE). */
export function checkExpression(check: QualityCheck, nowEpochSeconds: number): Sql {
  if (check.metric === 'rowCount') return raw('CAST(count(*) AS DOUBLE)');
  const col = ident(check.column as string);
  if (check.metric === 'freshness') {
    // epoch() reads a TIMESTAMP as UTC, a DATE as its midnight UTC and a TIMESTAMPTZ as its
    // instant, whatever the session's TimeZone (a cast to TIMESTAMPTZ would apply it).
    return sql`(${nowEpochSeconds}::DOUBLE - epoch(max(${col}))) / 3600.0`;
  }
  const count = check.metric === 'duplicateValues' ? sql`(count(${col}) - count(DISTINCT ${col}))` : sql`count(*) FILTER (WHERE ${offending(check, col)})`;
  if (check.unit === 'percent') return sql`coalesce(100.0 * ${count} / nullif(count(*), 0), 0.0)`;
  return sql`CAST(${count} AS DOUBLE)`;
}

/** One SELECT measuring every check over `source` (a table name or read_parquet(...) fragment). */
export function qualitySql(source: Sql, checks: readonly QualityCheck[], nowEpochSeconds: number): Sql {
  const columns = checks.map((check, i) => sql`${checkExpression(check, nowEpochSeconds)} AS ${ident(`q${i}`)}`);
  return sql`SELECT ${joinSql(columns, ', ')} FROM ${source}`;
}

/** Measures the checks and compares each with its threshold. */
export async function runQualityChecks(db: QueryEngine, source: Sql, checks: readonly QualityCheck[], now: Date): Promise<QualityResult[]> {
  if (checks.length === 0) return [];
  const [row] = await queryRows(db, qualitySql(source, checks, now.getTime() / 1000));
  return checks.map((check, i) => {
    const value = row?.[`q${i}`];
    const observed = value === null || value === undefined ? null : Number(value);
    return qualityResult(check, observed !== null && Number.isFinite(observed) ? observed : null);
  });
}
