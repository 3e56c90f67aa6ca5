/**
 * Result tables written as Parquet by DuckDB (COPY to a private temporary file, then the bytes),
 * so an export opens in DuckDB, pandas or Spark with typed columns. The rows are exactly the
 * ones the CSV export writes: same query, same columns, same order.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueryEngine, Row, SqlParam } from '../../shared/engine';
import { levelColumns, type GridQuery } from '../../shared/analysis/campaigns/dashboard-sql';
import { campaignGridExportRows } from '../../shared/analysis/campaigns/run-dashboard';
import { METRIC_IDS } from '../../shared/metrics/metrics';
import { quoteIdent } from '../../shared/analysis/sql';

export const EXPORT_COLUMN_TYPES = ['VARCHAR', 'DOUBLE', 'BIGINT', 'BOOLEAN', 'DATE', 'TIMESTAMP'] as const;
export type ExportColumnType = (typeof EXPORT_COLUMN_TYPES)[number];

export interface ExportColumn {
  name: string;
  type: ExportColumnType;
}

/** Rows per INSERT: keeps each statement's bound parameters in the low thousands. */
const BATCH = 256;

/** Writes `rows` (objects keyed by column name, or arrays in column order) as one Parquet file and returns its bytes. */
export async function rowsToParquet(db: QueryEngine, columns: readonly ExportColumn[], rows: readonly (Row | readonly unknown[])[]): Promise<Uint8Array> {
  if (columns.length === 0) throw new Error('An export needs at least one column.');
  const table = quoteIdent(`meshwork_export_${randomUUID().replaceAll('-', '')}`);
  const dir = await mkdtemp(join(tmpdir(), 'meshwork-export-'));
  const file = join(dir, 'export.parquet');
  await db.run(`CREATE TEMP TABLE ${table} (${columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ')})`);
  try {
    for (let start = 0; start < rows.length; start += BATCH) {
      const batch = rows.slice(start, start + BATCH);
      const params: SqlParam[] = [];
      const tuples = batch.map((row) => {
        const cells = columns.map((c, i) => {
          const v = Array.isArray(row) ? (row as readonly unknown[])[i] : (row as Row)[c.name];
          params.push(v === undefined || v === null ? null : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : String(v));
          return `CAST($${params.length} AS ${c.type})`;
        });
        return `(${cells.join(', ')})`;
      });
      await db.run(`INSERT INTO ${table} VALUES ${tuples.join(', ')}`, params);
    }
    // The path is our own mkdtemp folder; COPY takes no parameter for it.
    await db.run(`COPY ${table} TO '${file.replaceAll("'", "''")}' (FORMAT parquet)`);
    return new Uint8Array(await readFile(file));
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

/** The campaign grid's export as Parquet: the same rows as the CSV, the totals row last. */
export async function campaignGridParquet(db: QueryEngine, q: GridQuery): Promise<{ parquet: Uint8Array; rows: number }> {
  const { rows, totals } = await campaignGridExportRows(db, q);
  const columns: ExportColumn[] = [
    ...levelColumns(q.level).map((name) => ({ name, type: 'VARCHAR' as const })),
    ...METRIC_IDS.map((name) => ({ name, type: 'DOUBLE' as const })),
  ];
  return { parquet: await rowsToParquet(db, columns, [...rows, totals]), rows: rows.length };
}
