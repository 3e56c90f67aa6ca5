import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../main/engine/duckdb-engine';
import { recheckConsent } from './consent-recheck-sql';

let db: DuckDbEngine | null = null;
afterEach(() => db?.close());

async function customers(rows: Array<[string, string | null, boolean | null]>) {
  db = await DuckDbEngine.open();
  await db.run(`CREATE TABLE customers (customer_id VARCHAR, email VARCHAR, consent_ads BOOLEAN, consent_email BOOLEAN, consent_analytics BOOLEAN)`);
  for (const [id, email, ads] of rows) await db.run(`INSERT INTO customers VALUES ($1, $2, $3, TRUE, TRUE)`, [id, email, ads]);
  return db;
}

describe('recheckConsent', () => {
  it('splits a known member set into still consenting, withdrawn (false or NULL) and no longer in Customer 360', async () => {
    const engine = await customers([
      ['c1', ' Ann@Example.com', true],
      ['c2', 'bob@example.com', false],
      ['c3', 'cy@example.com', null],
      ['c4', 'dee@example.com', true],
      ['c5', 'eve@example.com', false],
    ]);
    // The version was built with c1..c4 and c9; since then c2 withdrew, c3's consent is unknown, c9 left.
    const out = await recheckConsent(engine, ['c4', 'c1', 'c2', 'c3', 'c9', 'c1'], 'ads');
    expect(out.map((r) => [r.customer_id, r.status])).toEqual([
      ['c1', 'consents'],
      ['c2', 'withdrawn'],
      ['c3', 'withdrawn'],
      ['c4', 'consents'],
      ['c9', 'missing'],
    ]);
    expect(out[0]!.email_sha256).toBe(createHash('sha256').update('ann@example.com').digest('hex'));
    expect(out[4]!.email_sha256).toBeNull();
    // Another purpose reads its own column: everyone here consents to e-mail.
    expect((await recheckConsent(engine, ['c2', 'c5'], 'email')).map((r) => r.status)).toEqual(['consents', 'consents']);
  });

  it('answers nothing for an empty list, and keeps a pseudonymised identifier as it is', async () => {
    const hashed = createHash('sha256').update('x@example.com').digest('hex');
    const engine = await customers([['c1', hashed, true]]);
    expect(await recheckConsent(engine, [], 'ads')).toEqual([]);
    expect((await recheckConsent(engine, ['c1'], 'ads'))[0]!.email_sha256).toBe(hashed);
  });
});
