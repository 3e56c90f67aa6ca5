/**
 * The SQL of calibrated attribution: where a test's period lies, the data's latest conversion,
 * and the period-restricted `conversions` the attribution runs on. Periods are microseconds
 * since the epoch, [start, end): bound as BIGINT and turned into TIMESTAMPs by DuckDB, so no
 * date text is ever parsed twice.
 */
import type { QueryEngine } from '../../engine';
import { execute, ident, queryRows, sql } from '../sql';

export interface PeriodUs {
  startUs: number;
  /** exclusive */
  endUs: number;
}

/**
 * An experiment's period as its analysis reads it (shared/analysis/experiment/experiment-sql.ts):
 * each user's first assignment opens a window of `window_days`; the period runs from the first
 * such start to the last window's end. Null when the experiment has no usable assignment.
 */
export async function experimentPeriod(db: QueryEngine, experimentId: string, windowDays: number): Promise<PeriodUs | null> {
  const windowUs = Math.round(windowDays * 86_400_000_000);
  const rows = await queryRows<{ s: number | null; e: number | null }>(
    db,
    sql`WITH ranked AS (
  SELECT assigned_at, row_number() OVER (PARTITION BY customer_id ORDER BY assigned_at, variant) AS rk
  FROM experiment_assignments
  WHERE experiment_id = ${experimentId} AND variant IS NOT NULL AND customer_id IS NOT NULL AND assigned_at IS NOT NULL
)
SELECT epoch_us(min(assigned_at)) AS s, epoch_us(max(assigned_at)) + CAST(${windowUs} AS BIGINT) AS e FROM ranked WHERE rk = 1`,
  );
  const row = rows[0];
  if (row?.s === null || row?.s === undefined || row.e === null) return null;
  return { startUs: Number(row.s), endUs: Number(row.e) };
}

/** Whether experiment assignments can be read: the product, or the audience-holdout view over it. */
export async function assignmentsLoaded(db: QueryEngine): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`SELECT (SELECT count(*) FROM duckdb_tables() WHERE table_name = 'experiment_assignments') + (SELECT count(*) FROM duckdb_views() WHERE view_name = 'experiment_assignments') AS n`,
  );
  return (rows[0]?.n ?? 0) > 0;
}

/** The calendar day of the latest conversion of the type (YYYY-MM-DD), null when there is none. */
export async function latestConversionDate(db: QueryEngine, conversionType: string): Promise<string | null> {
  const rows = await queryRows<{ d: string | null }>(
    db,
    sql`SELECT CAST(max(occurred_at) AS DATE) AS d FROM conversions WHERE conversion_type = ${conversionType}`,
  );
  return rows[0]?.d ?? null;
}

/** Where the loaded `conversions` product lives (catalog and schema), so a shadow can still read it. */
async function conversionsLocation(db: QueryEngine): Promise<{ database: string; schema: string }> {
  const rows = await queryRows<{ database: string; schema: string }>(
    db,
    sql`SELECT database_name AS database, schema_name AS schema FROM duckdb_tables() WHERE table_name = 'conversions' AND NOT temporary
UNION ALL SELECT database_name, schema_name FROM duckdb_views() WHERE view_name = 'conversions' AND NOT temporary`,
  );
  const row = rows[0];
  if (row === undefined) throw new Error('conversions is not loaded');
  return row;
}

/**
 * Runs `work` while the name `conversions` means only the conversions with start <= occurred_at
 * < end: a TEMP table of that name shadows the product (DuckDB resolves the temp schema first), so
 * the attribution runner reads the period's conversions without a second code path. Callers must
 * also key the journeys cache on the period (it fingerprints only non-temporary tables). The
 * shadow is dropped whatever `work` does; the engine runs one request at a time, so nothing
 * else sees it. So are the TEMP tables `work` created (the period's journeys caches): each
 * period would otherwise leave its own, and the attribution cache rebuilds what it misses.
 */
export async function withPeriodConversions<T>(db: QueryEngine, period: PeriodUs, work: () => Promise<T>): Promise<T> {
  const { database, schema } = await conversionsLocation(db);
  const before = await tempTables(db);
  await execute(
    db,
    sql`CREATE OR REPLACE TEMP TABLE conversions AS SELECT * FROM ${ident(database)}.${ident(schema)}.conversions
WHERE occurred_at >= make_timestamp(CAST(${period.startUs} AS BIGINT)) AND occurred_at < make_timestamp(CAST(${period.endUs} AS BIGINT))`,
  );
  try {
    return await work();
  } finally {
    await execute(db, sql`DROP TABLE IF EXISTS temp.main.conversions`);
    for (const name of await tempTables(db)) if (!before.has(name)) await execute(db, sql`DROP TABLE IF EXISTS temp.main.${ident(name)}`);
  }
}

async function tempTables(db: QueryEngine): Promise<Set<string>> {
  const rows = await queryRows<{ name: string }>(db, sql`SELECT table_name AS name FROM duckdb_tables() WHERE temporary`);
  return new Set(rows.map((r) => r.name));
}
