import { afterEach, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../main/engine/duckdb-engine';
import { unloadProduct } from './unload-sql';

let db: DuckDbEngine | null = null;
afterEach(() => db?.close());

const names = async (engine: DuckDbEngine): Promise<string[]> =>
  (await engine.all<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1")).map((r) => r.name);

describe('unloadProduct', () => {
  it('drops a table or a view by name, and says false when there is none', async () => {
    db = await DuckDbEngine.open(':memory:');
    await db.run(`CREATE TABLE customers AS SELECT 'c_1' AS customer_id`);
    await db.run(`CREATE TABLE "odd""name" AS SELECT 1 AS x`);
    await db.run(`CREATE VIEW events AS SELECT 'e1' AS event_id`);
    expect(await unloadProduct(db, 'customers')).toBe(true);
    expect(await unloadProduct(db, 'events')).toBe(true);
    expect(await names(db)).toEqual(['odd"name']);
    expect(await unloadProduct(db, 'customers')).toBe(false);
    // A quote in the name stays inside the identifier.
    expect(await unloadProduct(db, 'odd"name')).toBe(true);
    expect(await names(db)).toEqual([]);
  });
});
