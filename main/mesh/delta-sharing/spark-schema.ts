/**
 * A Delta table's schema (the metaData's `schemaString`, Spark's JSON schema) as the DuckDB
 * column types the workbench reads, so a shared table can be described, cast and checked
 * like any extract.
 */
import { MeshError } from '../mesh-error';
import { quoteIdent } from '../../../shared/analysis/sql';

export interface SharedColumn {
  name: string;
  /** The Spark type as written (`long`, `decimal(10,2)`, or `struct`/`array`/`map` for nested ones). */
  sparkType: string;
  /** The DuckDB type it is read as. */
  type: string;
  nullable: boolean;
}

const PRIMITIVES: Record<string, string> = {
  string: 'VARCHAR',
  long: 'BIGINT',
  integer: 'INTEGER',
  short: 'SMALLINT',
  byte: 'TINYINT',
  float: 'FLOAT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  binary: 'BLOB',
  date: 'DATE',
  // Spark's timestamp is an instant stored in UTC, the workbench's TIMESTAMP (UTC) exactly.
  timestamp: 'TIMESTAMP',
  timestamp_ntz: 'TIMESTAMP',
};

function bad(why: string): MeshError {
  return new MeshError(null, 'bad_schema', `The shared table's schemaString cannot be read: ${why}.`, false);
}

function duckType(type: unknown): string {
  if (typeof type === 'string') {
    const primitive = PRIMITIVES[type];
    if (primitive) return primitive;
    const decimal = /^decimal\(\s*(\d{1,2})\s*,\s*(\d{1,2})\s*\)$/.exec(type);
    if (decimal && Number(decimal[1]) <= 38 && Number(decimal[2]) <= Number(decimal[1])) return `DECIMAL(${decimal[1]},${decimal[2]})`;
    throw bad(`unknown type ${JSON.stringify(type).slice(0, 60)}`);
  }
  if (type && typeof type === 'object') {
    const t = type as Record<string, unknown>;
    if (t.type === 'array') return `${duckType(t.elementType)}[]`;
    if (t.type === 'map') return `MAP(${duckType(t.keyType)}, ${duckType(t.valueType)})`;
    if (t.type === 'struct') {
      if (!Array.isArray(t.fields) || t.fields.length === 0) throw bad('a struct has no fields');
      return `STRUCT(${t.fields.map((f: unknown) => `${quoteIdent(fieldName(f))} ${duckType((f as Record<string, unknown>).type)}`).join(', ')})`;
    }
  }
  throw bad('a field has no type');
}

function fieldName(field: unknown): string {
  const name = (field as Record<string, unknown> | null)?.name;
  if (typeof name !== 'string' || name === '') throw bad('a field has no name');
  return name;
}

export function sparkSchemaColumns(schemaString: string): SharedColumn[] {
  let schema: unknown;
  try {
    schema = JSON.parse(schemaString);
  } catch {
    throw bad('it is not JSON');
  }
  const root = schema as Record<string, unknown> | null;
  if (!root || root.type !== 'struct' || !Array.isArray(root.fields)) throw bad('the top level is not a struct');
  const seen = new Set<string>();
  return root.fields.map((field: unknown) => {
    const name = fieldName(field);
    if (seen.has(name.toLowerCase())) throw bad(`column ${name} appears twice`);
    seen.add(name.toLowerCase());
    const f = field as Record<string, unknown>;
    return {
      name,
      sparkType: typeof f.type === 'string' ? f.type : String((f.type as Record<string, unknown> | null)?.type ?? 'unknown'),
      type: duckType(f.type),
      nullable: f.nullable !== false,
    };
  });
}
