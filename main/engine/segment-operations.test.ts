import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from './duckdb-engine';
import { operations, type OperationContext } from './engine-operations';

// Three customers: c_1 and c_2 in the US, c_2 without ads consent.
let db: DuckDbEngine;
const ctx = (piiAccess: boolean): OperationContext => ({
  engine: db,
  signal: new AbortController().signal,
  access: { piiAccess, piiColumns: new Set(['email']) },
});

beforeAll(async () => {
  db = await DuckDbEngine.open();
  await db.run(`CREATE TABLE customers (customer_id VARCHAR, email VARCHAR, email_sha256 VARCHAR, country VARCHAR, consent_ads BOOLEAN)`);
  await db.run(
    `INSERT INTO customers VALUES ('c_1', 'ann@x.io', 'aa', 'US', true), ('c_2', 'bob@x.io', 'bb', 'US', false), ('c_3', 'cy@x.io', 'cc', 'FR', true)`,
  );
});
afterAll(() => db.close());

describe('segment funnel and match-rate operations', () => {
  it('answer for the rule as parsed in the engine', async () => {
    const rule = { all: [{ attribute: 'country', op: '=', value: 'US' }, { consent: 'ads' }] };
    await expect(operations['segments.funnel']({ rule, as_of: '2026-06-30T00:00:00Z' }, ctx(false))).resolves.toEqual({
      base: 3,
      steps: [
        { remaining: 2, alone: 2 },
        { remaining: 1, alone: 2 },
      ],
    });
    const rates = await operations['segments.matchRates'](
      { rule: { attribute: 'country', op: '=', value: 'US' }, destinations: [{ id: 'meta_ads', purpose: 'ads', identifier: 'email_sha256' }] },
      ctx(false),
    );
    expect(rates).toMatchObject([{ id: 'meta_ads', members: 2, matchable: 1 }]);
  });

  it('refuse conditions on personal data for a role without PII access, with the condition path', async () => {
    const byEmail = { all: [{ attribute: 'email', op: 'starts_with', value: 'a' }] };
    await expect(operations['segments.funnel']({ rule: byEmail }, ctx(false))).rejects.toMatchObject({
      code: 'pii_not_permitted',
      path: 'rule.all[0].attribute',
    });
    await expect(operations['segments.matchRates']({ rule: byEmail, destinations: [] }, ctx(false))).rejects.toMatchObject({ code: 'pii_not_permitted' });
    await expect(operations['segments.funnel']({ rule: byEmail }, ctx(true))).resolves.toMatchObject({ steps: [{ remaining: 1 }] });
  });

  it('refuse a malformed rule with its path before any SQL', async () => {
    await expect(operations['segments.funnel']({ rule: { all: [{ event: 'x', within_days: -5 }] } }, ctx(true))).rejects.toMatchObject({
      code: 'invalid_spec',
      path: 'rule.all[0].within_days',
    });
  });
});
