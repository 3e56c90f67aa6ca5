import type { QueryEngine, Row, SqlParam } from '../engine';

/**
 * The one way analysis SQL is written: a tagged template that binds every interpolated value as
 * a positional parameter (`$1`, `$2`, ...) and splices only other fragments, so a value can
 * never become SQL text. Identifiers enter through `ident()` (quoted), fixed keywords and
 * expressions chosen by code through `raw()`.
 *
 *   const q = sql`SELECT ${ident(column)} FROM customers WHERE country = ${country}`;
 *   const { sql: text, params } = q.compile();   // text "... WHERE country = $1", params [country]
 *
 * Fragments compose: `sql`a ${sql`b ${x}`} c ${y}`` numbers `x` then `y`. Placeholders are
 * assigned when the whole query is compiled, so fragments never need to know their offset.
 */
export interface CompiledSql {
  sql: string;
  params: SqlParam[];
}

/** A bound value; the same `Bound` used twice in one query shares one placeholder. */
class Bound {
  constructor(readonly value: SqlParam) {}
}

type Piece = string | Bound;

export class Sql {
  /** Use the `sql` tag, `ident`, `raw`, `param` or `joinSql` rather than this constructor. */
  constructor(readonly pieces: readonly Piece[]) {}

  /** The SQL text with `$n` placeholders and the values in placeholder order. */
  compile(): CompiledSql {
    const params: SqlParam[] = [];
    const slots = new Map<Bound, number>();
    let text = '';
    for (const piece of this.pieces) {
      if (typeof piece === 'string') {
        text += piece;
        continue;
      }
      let slot = slots.get(piece);
      if (slot === undefined) {
        params.push(piece.value);
        slot = params.length;
        slots.set(piece, slot);
      }
      text += `$${slot}`;
    }
    return { sql: text, params };
  }

  /** True when the fragment holds no text and no value (e.g. an empty WHERE list). */
  get isEmpty(): boolean {
    return this.pieces.every((p) => p === '');
  }
}

/** What may be interpolated: another fragment (spliced) or a value (bound). */
export type SqlArg = Sql | SqlParam;

export function sql(strings: TemplateStringsArray, ...args: readonly SqlArg[]): Sql {
  const pieces: Piece[] = [];
  strings.forEach((text, i) => {
    pieces.push(text);
    if (i >= args.length) return;
    const arg = args[i] as SqlArg;
    if (arg instanceof Sql) pieces.push(...arg.pieces);
    else pieces.push(new Bound(arg));
  });
  return new Sql(pieces);
}

/** A value bound once: interpolated several times, it keeps one placeholder (e.g. `as_of`). */
export function param(value: SqlParam): Sql {
  return new Sql([new Bound(value)]);
}

/** Identifier quoting for names from the catalog or a contract's column list. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A string as a SQL literal (`'it''s'`), for the few places DuckDB takes no bound parameter:
 * file paths in COPY ... TO and read_parquet lists, and generated DDL.
 */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A quoted identifier (`"my col"`); a name can never end the quotes early. */
export function ident(name: string): Sql {
  return new Sql([quoteIdent(name)]);
}

/** A qualified column (`c."name"`): `alias` is fixed by the compiler, `name` is quoted. */
export function column(alias: string, name: string): Sql {
  return new Sql([`${alias}.${quoteIdent(name)}`]);
}

/**
 * SQL text chosen by code from a fixed set (keywords, operators, a metric's expression, a
 * generated alias). Never pass user input here: that is what interpolation binds.
 */
export function raw(text: string): Sql {
  return new Sql([text]);
}

/** Fragments joined by `separator` (`', '`, `' AND '`). */
export function joinSql(parts: readonly Sql[], separator: string): Sql {
  const pieces: Piece[] = [];
  parts.forEach((part, i) => {
    if (i > 0) pieces.push(separator);
    pieces.push(...part.pieces);
  });
  return new Sql(pieces);
}

export const EMPTY_SQL = new Sql([]);

/** `"column" IN ($1, $2, ...)`, each value bound; callers decide what an empty list means. */
export function inList(column: string, values: readonly SqlParam[]): Sql {
  return sql`${ident(column)} IN (${joinSql(
    values.map((v) => sql`${v}`),
    ', ',
  )})`;
}

/** Runs a fragment on a QueryEngine and returns its rows. */
export function queryRows<T extends Row = Row>(db: QueryEngine, query: Sql): Promise<T[]> {
  const { sql: text, params } = query.compile();
  return db.all<T>(text, params);
}

/** Runs a statement that returns nothing (CREATE, INSERT, DELETE). */
export function execute(db: QueryEngine, statement: Sql): Promise<void> {
  const { sql: text, params } = statement.compile();
  return db.run(text, params);
}
