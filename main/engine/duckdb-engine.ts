import {
  DOUBLE,
  type DuckDBConnection,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBInstance,
  DuckDBListValue,
  DuckDBTimestampValue,
  LIST,
  listValue,
  type DuckDBResultReader,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { QueryEngine, Row, SqlParam } from '../../shared/engine';
import { AppError } from '../../shared/errors';

/** Thrown when a query was stopped through its AbortSignal (DuckDB interrupt); the connection stays usable. */
export class QueryCancelledError extends AppError {
  declare readonly code: 'cancelled';
  constructor() {
    super('cancelled', 'The query was cancelled.');
    this.name = 'QueryCancelledError';
  }
}

export interface CancellableOptions {
  /** Called with DuckDB's progress estimate, 0..100, while the query runs (when DuckDB can estimate it). */
  onProgress?: (percentage: number) => void;
  signal?: AbortSignal;
  /** How often to poll progress, in milliseconds. */
  pollMs?: number;
}

/** Native DuckDB behind the shared QueryEngine interface (used by the CLI, tests and the engine process). */
export class DuckDbEngine implements QueryEngine {
  private constructor(
    readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    /** False for a sibling: closing it closes its connection, not the database. */
    private readonly ownsInstance = true,
  ) {}

  /** `path` is a workspace database file, or `:memory:`. */
  static async open(path = ':memory:', options: Record<string, string> = {}): Promise<DuckDbEngine> {
    const instance = await DuckDBInstance.create(path, options);
    const connection = await instance.connect();
    // Timestamps in the mesh are UTC; pinning the session zone keeps any TIMESTAMPTZ cast
    // independent of the laptop's local zone.
    await connection.run("SET TimeZone = 'UTC'");
    return new DuckDbEngine(instance, connection);
  }

  /**
   * A second connection to the same database: it sees the same tables (not this connection's
   * TEMP tables) and runs its queries while this one is busy, so a cheap read need not wait
   * behind a long analysis. Close it before the database.
   */
  async sibling(): Promise<DuckDbEngine> {
    const connection = await this.instance.connect();
    await connection.run("SET TimeZone = 'UTC'");
    return new DuckDbEngine(this.instance, connection, false);
  }

  async all<T extends Row = Row>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params.map(toDuckParam), paramTypes(params));
    return reader.getRowObjects().map((row) => plainRow(row) as T);
  }

  async run(sql: string, params: readonly SqlParam[] = []): Promise<void> {
    await this.connection.run(sql, params.map(toDuckParam), paramTypes(params));
  }

  /**
   * Runs a query that may take long: reports progress and stops on `signal` with DuckDB's
   * interrupt (the process and the connection live on). Resolves to the materialised reader.
   */
  async runCancellable(sql: string, params: readonly SqlParam[] = [], options: CancellableOptions = {}): Promise<DuckDBResultReader> {
    const { onProgress, signal, pollMs = 100 } = options;
    if (signal?.aborted) throw new QueryCancelledError();
    let cancelled = false;
    const onAbort = (): void => {
      cancelled = true;
      this.connection.interrupt();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = onProgress
      ? setInterval(() => {
          const { percentage } = this.connection.progress;
          if (percentage >= 0) onProgress(percentage);
        }, pollMs)
      : undefined;
    try {
      const reader = await this.connection.runAndReadAll(sql, params.map(toDuckParam), paramTypes(params));
      if (cancelled) throw new QueryCancelledError();
      onProgress?.(100);
      return reader;
    } catch (error) {
      if (cancelled) throw new QueryCancelledError();
      throw error;
    } finally {
      if (timer) clearInterval(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Stops whatever query is running on this connection now. */
  interrupt(): void {
    this.connection.interrupt();
  }

  /** Column names and DuckDB type names of a table or view, in table order. */
  async columns(table: string): Promise<{ name: string; type: string }[]> {
    const rows = await this.all<{ name: string; type: string }>(
      'SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position',
      [table],
    );
    return rows;
  }

  close(): void {
    this.connection.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }
}

const isWholeButUnsafe = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v);

/**
 * The node API binds a whole JS number as an integer type, so 9.3e18 or 1e308 fails with
 * "bigint out of int64 range"; such numbers (beyond 2^53 they are doubles anyway) bind as DOUBLE.
 */
function paramTypes(params: readonly SqlParam[]): DuckDBType[] | undefined {
  if (!params.some((p) => isWholeButUnsafe(p) || (Array.isArray(p) && p.some(isWholeButUnsafe)))) return undefined;
  // Sparse on purpose: an undefined entry lets the API infer that parameter's type as usual.
  return params.map((p) => (isWholeButUnsafe(p) ? DOUBLE : Array.isArray(p) && p.some(isWholeButUnsafe) ? LIST(DOUBLE) : undefined)) as DuckDBType[];
}

function toDuckParam(value: SqlParam): DuckDBValue {
  if (Array.isArray(value)) return listValue([...(value as (string | number)[])]);
  return value as DuckDBValue;
}

/** Rows of a materialised reader as JSON-like objects (see shared/engine.ts). */
export function readerRows(reader: DuckDBResultReader): Row[] {
  return reader.getRowObjects().map(plainRow);
}

function plainRow(row: Record<string, DuckDBValue>): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) out[key] = plainValue(value);
  return out;
}

/** Converts DuckDB's value objects into the JSON-like values promised by shared/engine.ts. */
export function plainValue(value: DuckDBValue): unknown {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' ? Number(value) : value;
  }
  if (value instanceof DuckDBDecimalValue) return value.toDouble();
  if (value instanceof DuckDBTimestampValue) {
    return new Date(Number(value.micros / 1000n)).toISOString();
  }
  if (value instanceof DuckDBDateValue) return value.toString();
  if (value instanceof DuckDBListValue) return value.items.map(plainValue);
  return value.toString();
}
