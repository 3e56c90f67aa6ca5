import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../engine/duckdb-engine';
import { queryRows, raw, sql } from '../../shared/analysis/sql';
import { holdoutBucket, holdoutSql, holdoutThreshold, isHeldOut } from './holdout';

let db: DuckDbEngine;
beforeAll(async () => {
  db = await DuckDbEngine.open();
});
afterAll(() => db.close());

describe('holdout assignment', () => {
  it('follows the SPEC formula on a hand-checked id', () => {
    // sha256("s:c_1") starts 6c75268e; 0x6c75268e = 1819616910; mod 10000 = 6910.
    expect(createHash('sha256').update('s:c_1').digest('hex').slice(0, 8)).toBe('6c75268e');
    expect(holdoutBucket('s', 'c_1')).toBe(6910);
    expect(isHeldOut('s', 'c_1', 69.1 / 2)).toBe(false);
    expect(() => isHeldOut('s', 'c_1', 69.1)).toThrow(/0 to 50/);
    expect(isHeldOut('s', 'c_1', 0)).toBe(false);
  });

  it('rounds the percentage as documented', () => {
    expect(holdoutThreshold(10)).toBe(1000);
    expect(holdoutThreshold(12.5)).toBe(1250);
    expect(holdoutThreshold(1.005)).toBe(100); // 1.005 * 100 = 100.49999999999999 in doubles
    expect(holdoutThreshold(12.345)).toBe(1235); // 12.345 * 100 = 1234.5 exactly: half away from zero
    expect(holdoutThreshold(0.125)).toBe(13); // 12.5: half away from zero
  });

  it('gives the same split in DuckDB SQL as in Node for many ids, salts with quotes and unicode', async () => {
    const salt = "aud'42:ü";
    const pct = 17.5;
    const ids = Array.from({ length: 3000 }, (_, i) => `c_${i}`);
    await db.run('CREATE TABLE ids AS SELECT unnest($1::VARCHAR[]) AS customer_id', [ids]);
    const rows = await queryRows<{ customer_id: string; held: boolean }>(
      db,
      sql`SELECT customer_id, ${holdoutSql(salt, raw('customer_id'), holdoutThreshold(pct))} AS held FROM ids ORDER BY customer_id`,
    );
    const fromSql = new Map(rows.map((r) => [r.customer_id, r.held]));
    let held = 0;
    for (const id of ids) {
      expect(fromSql.get(id)).toBe(isHeldOut(salt, id, pct));
      if (isHeldOut(salt, id, pct)) held++;
    }
    // About 17.5% of 3000 = 525 (binomial sd ~21).
    expect(held).toBeGreaterThan(450);
    expect(held).toBeLessThan(600);
  });
});
