import {
  DuckDBConnection,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBInstance,
  DuckDBListValue,
  DuckDBTimestampValue,
  listValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { QueryEngine, Row, SqlParam } from '../../shared/engine';

/** Native DuckDB behind the shared QueryEngine interface (used by the CLI, tests and the engine process). */
export class DuckDbEngine implements QueryEngine {
  private constructor(
    readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  /** `path` is a workspace database file, or `:memory:`. */
  static async open(path = ':memory:', options: Record<string, string> = {}): Promise<DuckDbEngine> {
    const instance = await DuckDBInstance.create(path, options);
    const connection = await instance.connect();
    return new DuckDbEngine(instance, connection);
  }

  async all<T extends Row = Row>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params.map(toDuckParam));
    return reader.getRowObjects().map((row) => plainRow(row) as T);
  }

  async run(sql: string, params: readonly SqlParam[] = []): Promise<void> {
    await this.connection.run(sql, params.map(toDuckParam));
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function toDuckParam(value: SqlParam): DuckDBValue {
  if (Array.isArray(value)) return listValue([...(value as (string | number)[])]);
  return value as DuckDBValue;
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
