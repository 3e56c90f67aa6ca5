import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromIpc, queryArrow, readerToArrow, toIpc } from './arrow';
import { DuckDbEngine, QueryCancelledError } from './duckdb-engine';

let db: DuckDbEngine;
beforeAll(async () => {
  db = await DuckDbEngine.open();
});
afterAll(() => db.close());

describe('Arrow results', () => {
  it('round-trips typed columns and NULLs through IPC bytes', async () => {
    const reader = await db.runCancellable(
      `SELECT * FROM (VALUES (1, 'a', 2.5, TIMESTAMP '2026-06-30 12:00:00', DATE '2026-06-30', true, 9007199254740993::BIGINT),
        (NULL, NULL, NULL, NULL, NULL, NULL, NULL)) t(i, s, d, ts, dt, b, big)`,
    );
    const table = fromIpc(toIpc(readerToArrow(reader)));
    expect(table.numRows).toBe(2);
    const first = table.get(0)?.toJSON();
    expect(first).toMatchObject({ i: 1, s: 'a', d: 2.5, b: true });
    expect(first?.ts).toBe(Date.UTC(2026, 5, 30, 12));
    expect(table.getChild('big')?.get(0)).toBe(9007199254740992);
    expect(table.get(1)?.toJSON()).toMatchObject({ i: null, s: null, ts: null, b: null });
  });
});

describe('queryArrow', () => {
  it('binds parameters, so a quote in a value is data', async () => {
    const table = await queryArrow(db, 'SELECT $1 AS v, $2 + 1 AS n', ["it's", 41]);
    expect(table.get(0)?.toJSON()).toEqual({ v: "it's", n: 42 });
  });
});

describe('runCancellable', () => {
  it('stops a long query on abort and the connection keeps working', async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const running = db.runCancellable('SELECT count(*) FROM range(3000000000) a WHERE hash(a.range) % 7 = 3', [], {
      signal: controller.signal,
      onProgress: (p) => progress.push(p),
      pollMs: 20,
    });
    setTimeout(() => controller.abort(), 300);
    await expect(running).rejects.toBeInstanceOf(QueryCancelledError);
    expect(await db.all('SELECT 42 AS answer')).toEqual([{ answer: 42 }]);
  });
});
