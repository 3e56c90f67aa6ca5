import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../main/engine/duckdb-engine';
import { segmentMatchRates, type MatchDestination } from './match-rate-sql';

// Five customers, all in the US except c_5.
//   id   email_sha256  consent_ads  consent_email
//   c_1  'aa'          true         true
//   c_2  NULL          true         false
//   c_3  ''            true         true      (an empty hash is no identifier)
//   c_4  'dd'          false        NULL
//   c_5  'ee'          true         true      (FR: not a member)
// Segment country = US: c_1..c_4 (4 members).
// Meta (email_sha256, ads): c_1 only -> 1 of 4. Braze (customer_id, email): c_1, c_3 -> 2 of 4.
let db: DuckDbEngine;
const AS_OF = '2026-06-30T00:00:00Z';
const META: MatchDestination = { id: 'meta_ads', purpose: 'ads', identifier: 'email_sha256' };
const BRAZE: MatchDestination = { id: 'braze_email', purpose: 'email', identifier: 'customer_id' };

beforeAll(async () => {
  db = await DuckDbEngine.open();
  await db.run(`CREATE TABLE customers (customer_id VARCHAR, country VARCHAR, email_sha256 VARCHAR, consent_ads BOOLEAN, consent_email BOOLEAN)`);
  await db.run(`INSERT INTO customers VALUES ('c_1', 'US', 'aa', true, true), ('c_2', 'US', NULL, true, false), ('c_3', 'US', '', true, true),
    ('c_4', 'US', 'dd', false, NULL), ('c_5', 'FR', 'ee', true, true)`);
});
afterAll(() => db.close());

describe('estimated match rate per destination', () => {
  it('counts members with the identifier filled and the purpose consented', async () => {
    const rates = await segmentMatchRates(db, { attribute: 'country', op: '=', value: 'US' }, [META, BRAZE], AS_OF);
    expect(rates.map((r) => [r.id, r.matchable, r.members, r.missing])).toEqual([
      ['meta_ads', 1, 4, []],
      ['braze_email', 2, 4, []],
    ]);
    expect(rates[0]?.identifierColumns).toEqual(['email_sha256']);
    expect(rates[0]?.consentColumn).toBe('consent_ads');
  });

  it('names what the extract lacks instead of guessing, and handles an empty segment', async () => {
    const rates = await segmentMatchRates(
      db,
      { attribute: 'country', op: '=', value: 'US' },
      [
        { id: 'tiktok', purpose: 'ads', identifier: 'mobile_ad_id' },
        { id: 'survey', purpose: 'analytics', identifier: 'email_sha256' },
        { id: 'pager', purpose: 'ads', identifier: 'pager_number' },
      ],
      AS_OF,
    );
    expect(rates.map((r) => [r.id, r.matchable, r.missing])).toEqual([
      ['tiktok', 0, ['mobile_ad_id']],
      ['survey', 0, ['consent_analytics']],
      ['pager', 0, ['pager_number']],
    ]);
    const nobody = await segmentMatchRates(db, { attribute: 'country', op: '=', value: 'JP' }, [META], AS_OF);
    expect(nobody).toMatchObject([{ id: 'meta_ads', members: 0, matchable: 0 }]);
  });
});
