/**
 * The one query interface every analysis is written against. It is implemented by
 * native DuckDB in main/engine (in-process for the CLI and tests, in a utility
 * process for the app), so the compilers and runners in shared/ never import a database.
 *
 * Parameters are positional (`$1`, `$2`, ...) and always bound, never spliced into SQL.
 * Row values are plain JSON-like values: BIGINT, HUGEINT and DECIMAL arrive as JS numbers,
 * TIMESTAMP as an ISO-8601 string (`2026-06-30T00:00:00.000Z`), DATE as `YYYY-MM-DD`,
 * LIST as arrays, NULL as null.
 */
export type SqlParam = string | number | boolean | null | readonly string[] | readonly number[];

export type Row = Record<string, unknown>;

export interface QueryEngine {
  all<T extends Row = Row>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  run(sql: string, params?: readonly SqlParam[]): Promise<void>;
}
