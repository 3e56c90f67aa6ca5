import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audienceMembers } from '../../shared/analysis/audience/audience-sql';
import { customerColumns } from '../../shared/analysis/pickers/pickers-sql';
import { segmentProducts } from '../../shared/analysis/segment/compile-segment';
import { runSegment, segmentOverlap, segmentPreview } from '../../shared/analysis/segment/run-segment';
import { parseRule } from '../../shared/specs/segment-rule';
import { parseSegmentSpec } from '../../shared/specs/segment-spec';
import { DuckDbEngine } from '../engine/duckdb-engine';
import { requiredProducts } from './required-products';

// Four customers; churn_scores has c_1 twice (the later score, 0.9, counts), c_2 at 0.2, c_3 at
// exactly 0.5 and no score for c_4.
let db: DuckDbEngine;

beforeAll(async () => {
  db = await DuckDbEngine.open();
  await db.run(
    `CREATE TABLE customers (customer_id VARCHAR, email VARCHAR, country VARCHAR, consent_email BOOLEAN, consent_ads BOOLEAN, consent_analytics BOOLEAN)`,
  );
  await db.run(`INSERT INTO customers VALUES ('c_1', 'a@x.com', 'US', true, true, true), ('c_2', 'b@x.com', 'US', true, true, true),
    ('c_3', 'c@x.com', 'CA', true, false, true), ('c_4', 'd@x.com', 'US', true, true, true)`);
});
afterAll(() => db.close());

async function members(rule: unknown): Promise<string[]> {
  const spec = parseSegmentSpec({ kind: 'segment', as_of: '2026-06-30T00:00:00Z', include_members: true, rule });
  return (await runSegment(db, spec)).members ?? [];
}

describe('segments on churn_probability (joined from churn_scores)', () => {
  it('is an unknown column until churn_scores is loaded', async () => {
    await expect(members({ attribute: 'churn_probability', op: '>=', value: 0.5 })).rejects.toMatchObject({ code: 'unknown_column', path: 'rule.attribute' });
    expect((await customerColumns(db)).map((c) => c.name)).not.toContain('churn_probability');
  });

  it('filters on the latest score per customer; no score is NULL', async () => {
    await db.run(`CREATE TABLE churn_scores (customer_id VARCHAR, churn_probability DOUBLE, scored_at TIMESTAMP, model_version VARCHAR)`);
    await db.run(`INSERT INTO churn_scores VALUES ('c_1', 0.1, '2026-09-01', 'm1'), ('c_1', 0.9, '2026-10-01', 'm2'),
      ('c_2', 0.2, '2026-10-01', 'm2'), ('c_3', 0.5, '2026-10-01', 'm2')`);
    expect(await members({ attribute: 'churn_probability', op: '>=', value: 0.5 })).toEqual(['c_1', 'c_3']);
    // NOT of a NULL comparison is true: c_4 (no score) is not "at least 0.5"
    expect(await members({ not: { attribute: 'churn_probability', op: '>=', value: 0.5 } })).toEqual(['c_2', 'c_4']);
    expect(await members({ attribute: 'churn_probability', op: 'is_null' })).toEqual(['c_4']);
    // with a customers condition and twice in one rule: one join, no duplicated members
    expect(
      await members({
        all: [
          { attribute: 'country', op: '=', value: 'US' },
          { attribute: 'churn_probability', op: '>', value: 0.15 },
          { attribute: 'churn_probability', op: '<', value: 0.95 },
        ],
      }),
    ).toEqual(['c_1', 'c_2']);
    expect(
      await segmentOverlap(db, [
        parseRule({ attribute: 'churn_probability', op: '>=', value: 0.5 }, ['rule']),
        parseRule({ attribute: 'country', op: '=', value: 'US' }, ['rule']),
      ]),
    ).toEqual([
      [2, 1],
      [1, 3],
    ]);
    // a number: a string value is refused at the value
    await expect(members({ attribute: 'churn_probability', op: '>=', value: 'high' })).rejects.toMatchObject({ path: 'rule.value' });
    const preview = await segmentPreview(db, parseRule({ attribute: 'churn_probability', op: '>=', value: 0.5 }, ['rule']), {
      piiAccess: false,
      asOf: '2026-06-30T00:00:00Z',
    });
    expect(preview.map((r) => r.customer_id)).toEqual(['c_1', 'c_3']);
    const column = (await customerColumns(db)).find((c) => c.name === 'churn_probability');
    expect(column).toMatchObject({ kind: 'number', values: null });
  });

  it('builds audiences from it and names churn_scores as a product the spec reads', async () => {
    const rule = parseRule({ attribute: 'churn_probability', op: '>=', value: 0.5 }, ['rule']);
    const rows = await audienceMembers(db, { rule, asOf: '2026-06-30T00:00:00Z', purpose: 'ads', holdoutPct: 0, salt: 's' });
    expect(rows.map((r) => [r.customer_id, r.status])).toEqual([
      ['c_1', 'member'],
      ['c_3', 'no_consent'],
    ]);
    expect([...segmentProducts(rule)].sort()).toEqual(['churn_scores', 'customers']);
    const spec = parseSegmentSpec({ kind: 'segment', rule: { attribute: 'churn_probability', op: '>=', value: 0.5 } });
    expect([...requiredProducts(spec).keys()].sort()).toEqual(['churn_scores', 'customers']);
  });
});
