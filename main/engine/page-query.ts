import { z } from 'zod';
import type { SqlParam } from '../../shared/engine';
import { maskedColumn } from '../../shared/analysis/pii-mask';
import { quoteIdent } from './sql-identifiers';

/**
 * A grid page: a sorted, filtered window of one table. Table and column names are checked
 * against the catalog before they reach SQL; filter values are always bound.
 */
const filterValue = z.union([z.string(), z.number(), z.boolean()]);
export const pageRequestSchema = z.object({
  table: z.string().min(1),
  columns: z.array(z.string().min(1)).optional(),
  sort: z.array(z.object({ column: z.string().min(1), desc: z.boolean().default(false) })).default([]),
  filters: z
    .array(
      z.discriminatedUnion('op', [
        z.object({ column: z.string().min(1), op: z.enum(['=', '!=', '<', '<=', '>', '>=']), value: filterValue }),
        z.object({ column: z.string().min(1), op: z.enum(['contains', 'starts_with']), value: z.string() }),
        z.object({ column: z.string().min(1), op: z.literal('in'), value: z.array(filterValue) }),
        z.object({ column: z.string().min(1), op: z.enum(['is_null', 'is_not_null']) }),
      ]),
    )
    .default([]),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(10_000).default(500),
  /** Only a user with the mesh's `pii_access` sees raw `email` / `phone` of customers. */
  piiAccess: z.boolean().default(false),
});
export type PageRequest = z.infer<typeof pageRequestSchema>;

export class PageRequestError extends Error {
  readonly code = 'invalid_request';
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

/** Compiles the page query and its total-count query against the table's known columns. */
export function compilePage(req: PageRequest, tableColumns: readonly string[]): { sql: string; countSql: string; params: SqlParam[] } {
  const known = new Set(tableColumns);
  if (known.size === 0) throw new PageRequestError(`table "${req.table}" does not exist`, 'table');
  const check = (column: string, path: string): string => {
    if (!known.has(column)) throw new PageRequestError(`${path} "${column}" is not a column of ${req.table}; use one of: ${tableColumns.join(', ')}`, path);
    return quoteIdent(column);
  };
  const params: SqlParam[] = [];
  const bind = (v: SqlParam): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const wanted = req.columns ?? tableColumns;
  wanted.forEach((c, i) => check(c, req.columns ? `columns[${i}]` : 'table'));
  const masked = req.table === 'customers' && !req.piiAccess;
  const select = wanted.map((c) => (masked ? maskedColumn(c, quoteIdent(c)) : quoteIdent(c))).join(', ');
  const where = req.filters.map((f, i) => {
    const col = check(f.column, `filters[${i}].column`);
    switch (f.op) {
      case 'is_null':
        return `${col} IS NULL`;
      case 'is_not_null':
        return `${col} IS NOT NULL`;
      case 'contains':
      case 'starts_with':
        return `${f.op}(CAST(${col} AS VARCHAR), ${bind(f.value)})`;
      case 'in':
        return f.value.length === 0 ? 'FALSE' : `${col} IN (${f.value.map((v) => bind(v)).join(', ')})`;
      default:
        return `${col} ${f.op === '!=' ? '<>' : f.op} ${bind(f.value)}`;
    }
  });
  const whereSql = where.length > 0 ? ` WHERE ${where.map((w) => `COALESCE(${w}, FALSE)`).join(' AND ')}` : '';
  const orderSql = req.sort.length > 0 ? ` ORDER BY ${req.sort.map((s, i) => `${check(s.column, `sort[${i}].column`)} ${s.desc ? 'DESC' : 'ASC'} NULLS LAST`).join(', ')}` : '';
  const from = quoteIdent(req.table);
  const countSql = `SELECT count(*) AS n FROM ${from}${whereSql}`;
  const sql = `SELECT ${select} FROM ${from}${whereSql}${orderSql} LIMIT ${req.limit} OFFSET ${req.offset}`;
  return { sql, countSql, params };
}
