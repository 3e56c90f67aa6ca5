import { resolve } from 'node:path';
import type { DuckDbEngine } from './duckdb-engine';

/**
 * Defence in depth: DuckDB can read and write any file the process can (`read_csv('/etc/passwd')`,
 * `COPY ... TO`, `ATTACH`, `INSTALL`). Once the engine knows where its data lives, it turns that
 * off for everything else: only `directories` (the extract folders, whose Parquet the views and
 * loads read) stay reachable, external access (other files, extensions, network) is disabled,
 * and the configuration is locked so no later statement can turn it back on. The open database
 * file and its WAL are unaffected. Views over Parquet keep working because their folders are allowed.
 */
export async function restrictFileAccess(db: DuckDbEngine, directories: readonly string[], tempDirectory?: string): Promise<void> {
  const quote = (s: string): string => `'${s.replaceAll("'", "''")}'`;
  // A trailing separator makes `/data/extracts` not also allow `/data/extracts-other`.
  const dirs = directories.map((d) => `${resolve(d).replace(/\/+$/, '')}/`);
  if (tempDirectory) {
    // Where DuckDB spills big sorts and joins: it must stay writable.
    await db.run(`SET temp_directory = ${quote(resolve(tempDirectory))}`);
    dirs.push(`${resolve(tempDirectory).replace(/\/+$/, '')}/`);
  }
  await db.run(`SET allowed_directories = [${dirs.map(quote).join(', ')}]`);
  await db.run('SET enable_external_access = false');
  await db.run('SET lock_configuration = true');
}

/** True once restrictFileAccess has run on this database (the configuration is locked). */
export async function fileAccessRestricted(db: DuckDbEngine): Promise<boolean> {
  const [row] = await db.all<{ v: string }>("SELECT current_setting('enable_external_access')::VARCHAR AS v");
  return row?.v === 'false';
}
