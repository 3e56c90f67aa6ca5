import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../main/engine/duckdb-engine';
import { isHeldOut } from '../../../main/analysis/holdout';
import { tableColumns } from '../table-columns';
import { audienceSql } from './audience-sql';

let db: DuckDbEngine | null = null;
afterEach(() => db?.close());

describe('audience members', () => {
  it('applies holdout, consent and identifier rules and hashes e-mail as SPEC section 7 says', async () => {
    db = await DuckDbEngine.open();
    await db.run(
      `CREATE TABLE customers (customer_id VARCHAR, email VARCHAR, country VARCHAR, consent_ads BOOLEAN, consent_email BOOLEAN, consent_analytics BOOLEAN)`,
    );
    const hashed = createHash('sha256').update('pseudo@example.com').digest('hex');
    const rows: Array<[string, string | null, boolean | null]> = [];
    for (let i = 0; i < 200; i++)
      rows.push([`c_${i}`, i % 10 === 0 ? null : i % 10 === 1 ? hashed : `  User${i}@Example.COM `, i % 4 === 0 ? false : i % 4 === 1 ? null : true]);
    for (const [id, email, ads] of rows) await db.run(`INSERT INTO customers VALUES ($1, $2, 'US', $3, TRUE, TRUE)`, [id, email, ads]);
    const columns = await tableColumns(db, 'customers');
    const q = audienceSql({ rule: { all: [] }, asOf: '2026-06-30T00:00:00Z', purpose: 'ads', holdoutPct: 10, salt: 'spring' }, columns);
    const out = await db.all<{ customer_id: string; status: string; email_sha256: string | null }>(q.sql, q.params);
    expect(out).toHaveLength(200);
    for (const [id, email, ads] of rows) {
      const row = out.find((r) => r.customer_id === id)!;
      // Reference: the rules written out directly.
      const expected = isHeldOut('spring', id, 10) ? 'holdout' : ads !== true ? 'no_consent' : email === null ? 'missing_identifier' : 'member';
      expect(row.status).toBe(expected);
      if (email !== null) {
        const sha = email === hashed ? hashed : createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
        expect(row.email_sha256).toBe(sha);
      }
    }
    expect(out.filter((r) => r.status === 'holdout').length).toBeGreaterThan(5);
  });
});
