import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../main/engine/duckdb-engine';
import { EMPTY_SQL, column, ident, joinSql, param, queryRows, raw, sql } from './sql';

describe('sql tagged template', () => {
  it('binds every interpolated value as $n in order and keeps the text around it', () => {
    const q = sql`SELECT * FROM t WHERE a = ${'x'} AND b > ${3} AND c IN (${true}, ${null})`;
    expect(q.compile()).toEqual({ sql: 'SELECT * FROM t WHERE a = $1 AND b > $2 AND c IN ($3, $4)', params: ['x', 3, true, null] });
  });

  it('numbers the values of nested fragments where they end up, not where they were built', () => {
    const inner = sql`b = ${2}`;
    const q = sql`SELECT ${1} AS one WHERE ${inner} AND c = ${3}`;
    expect(q.compile()).toEqual({ sql: 'SELECT $1 AS one WHERE b = $2 AND c = $3', params: [1, 2, 3] });
    // The same inner fragment compiled alone starts at $1 again.
    expect(inner.compile()).toEqual({ sql: 'b = $1', params: [2] });
  });

  it('shares one placeholder for a param() used twice, and binds equal plain values separately', () => {
    const asOf = param('2026-06-30');
    const q = sql`x <= ${asOf} AND y >= ${asOf} - 1 AND z = ${'2026-06-30'}`;
    expect(q.compile()).toEqual({ sql: 'x <= $1 AND y >= $1 - 1 AND z = $2', params: ['2026-06-30', '2026-06-30'] });
  });

  it('binds an array as one list parameter', () => {
    expect(sql`list_contains(${['a', 'b']}::VARCHAR[], x)`.compile()).toEqual({ sql: 'list_contains($1::VARCHAR[], x)', params: [['a', 'b']] });
  });

  it('quotes identifiers so a name can never end the quotes early', () => {
    expect(ident('my col').compile().sql).toBe('"my col"');
    expect(ident('a"; DROP TABLE t; --').compile().sql).toBe('"a""; DROP TABLE t; --"');
    expect(column('c', 'x"y').compile().sql).toBe('c."x""y"');
  });

  it('joins fragments with a separator and splices raw text without binding it', () => {
    const list = joinSql([sql`a = ${1}`, sql`b = ${2}`, raw('TRUE')], ' AND ');
    expect(sql`WHERE ${list}`.compile()).toEqual({ sql: 'WHERE a = $1 AND b = $2 AND TRUE', params: [1, 2] });
    expect(joinSql([], ', ').isEmpty).toBe(true);
    expect(EMPTY_SQL.compile()).toEqual({ sql: '', params: [] });
    expect(sql`${EMPTY_SQL}`.isEmpty).toBe(true);
    expect(raw('x').isEmpty).toBe(false);
  });
});

describe('sql fragments on DuckDB', () => {
  let db: DuckDbEngine;
  beforeAll(async () => {
    db = await DuckDbEngine.open();
    await db.run(`CREATE TABLE "we""ird" ("my col" VARCHAR, n INTEGER)`);
    await db.run(`INSERT INTO "we""ird" VALUES ('a', 1), ('it''s', 2), (NULL, 3)`);
  });
  afterAll(() => db.close());

  it('runs with values that look like SQL and identifiers that need quoting', async () => {
    const hostile = "x' OR 1=1 --";
    const rows = await queryRows<{ n: number }>(db, sql`SELECT n FROM ${ident('we"ird')} WHERE ${ident('my col')} IN (${"it's"}, ${hostile}) ORDER BY n`);
    expect(rows).toEqual([{ n: 2 }]);
    const min = param(2);
    const both = await queryRows<{ n: number }>(db, sql`SELECT n FROM ${ident('we"ird')} WHERE n >= ${min} AND n - ${min} < 1 ORDER BY n`);
    expect(both).toEqual([{ n: 2 }]);
  });
});
