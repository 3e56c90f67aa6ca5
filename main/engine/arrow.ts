import { DuckDBTypeId, type DuckDBResultReader } from '@duckdb/node-api';
import {
  Bool,
  DateDay,
  Float64,
  Int32,
  Table,
  TimestampMillisecond,
  Utf8,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow';
import type { SqlParam } from '../../shared/engine';
import { plainValue, type CancellableOptions, type DuckDbEngine } from './duckdb-engine';

/**
 * Query results cross from the engine process to the renderer as Arrow IPC stream bytes: one
 * typed, columnar buffer instead of millions of JSON objects. Large integers and decimals
 * become Float64 (what the grid and charts draw), timestamps millisecond UTC, dates DateDay;
 * types Arrow JS cannot draw directly (lists, structs, intervals) become text.
 */
function arrowColumn(typeId: DuckDBTypeId, values: unknown[]): Vector {
  const plain = values;
  const as = <T extends DataType>(type: T, convert: (v: unknown) => unknown): Vector =>
    vectorFromArray(
      plain.map((v) => (v === null || v === undefined ? null : convert(v))),
      type,
    );
  switch (typeId) {
    case DuckDBTypeId.BOOLEAN:
      return as(new Bool(), (v) => Boolean(v));
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
      return as(new Int32(), (v) => Number(v));
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL:
      return as(new Float64(), (v) => Number(v));
    case DuckDBTypeId.VARCHAR:
      return as(new Utf8(), (v) => String(v));
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_NS:
      return as(new TimestampMillisecond(), (v) => Date.parse(String(v)));
    case DuckDBTypeId.DATE:
      return as(new DateDay(), (v) => new Date(`${String(v)}T00:00:00Z`));
    default:
      return as(new Utf8(), (v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  }
}

/** A materialised DuckDB result as an Arrow table (column names deduplicated as DuckDB does). */
export function readerToArrow(reader: DuckDBResultReader): Table {
  const names = reader.deduplicatedColumnNames();
  const columns = reader.getColumns();
  const vectors: Record<string, Vector> = {};
  names.forEach((name, i) => {
    vectors[name] = arrowColumn(reader.columnTypeId(i), (columns[i] ?? []).map(plainValue));
  });
  return new Table(vectors);
}

/** Arrow IPC stream bytes, what crosses the process boundary. */
export function toIpc(table: Table): Uint8Array {
  return tableToIPC(table, 'stream');
}

export function fromIpc(bytes: Uint8Array): Table {
  return tableFromIPC(bytes);
}

/** Runs a parameterised query (cancellable, with progress) and returns its result as Arrow. */
export async function queryArrow(db: DuckDbEngine, sql: string, params: readonly SqlParam[] = [], options: CancellableOptions = {}): Promise<Table> {
  return readerToArrow(await db.runCancellable(sql, params, options));
}
