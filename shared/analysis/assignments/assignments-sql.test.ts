import { afterEach, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../main/engine/duckdb-engine';
import { runAnalysis } from '../../../main/analysis/run-analysis';
import { parseSpec } from '../../specs/index';
import { ensureAssignmentsView, hasAssignments, holdoutExperimentId, listExperiments, recordHoldout } from './assignments-sql';

let db: DuckDbEngine | null = null;
afterEach(() => db?.close());

describe('audience holdouts as experiments', () => {
  it('adds the audience split beside the product and analyses it with the holdout as control', async () => {
    db = await DuckDbEngine.open(':memory:');
    const engine = db;
    expect(await hasAssignments(engine)).toBe(false);
    await db.run(
      `CREATE TABLE experiment_assignments AS SELECT 'exp_a' AS experiment_id, 'c9' AS customer_id, 'control' AS variant, TIMESTAMP '2026-01-01' AS assigned_at, 'extra' AS note`,
    );
    await db.run(`CREATE TABLE conversions (conversion_id VARCHAR, customer_id VARCHAR, occurred_at TIMESTAMP, conversion_type VARCHAR, revenue DOUBLE)`);
    // c1 (treated) buys after the activation; c3 (held out) does not; c2 bought before it (not counted).
    await db.run(`INSERT INTO conversions VALUES ('p1', 'c1', TIMESTAMP '2026-06-05', 'purchase', 10), ('p2', 'c2', TIMESTAMP '2026-05-20', 'purchase', 5)`);
    const id = holdoutExperimentId('aud_1', 2);
    await recordHoldout(engine, id, ['c1', 'c2'], ['c3', 'c4'], '2026-06-01T00:00:00.000Z');
    const rows = await db.all<{ experiment_id: string; n: number }>(`SELECT experiment_id, count(*) AS n FROM experiment_assignments GROUP BY 1 ORDER BY 1`);
    expect(rows).toEqual([
      { experiment_id: 'audience_aud_1_v2', n: 4 },
      { experiment_id: 'exp_a', n: 1 },
    ]);

    const result = (await runAnalysis(
      db,
      parseSpec({ kind: 'experiment', experiment_id: id, control: 'holdout', metrics: [{ name: 'buy', type: 'proportion', conversion_type: 'purchase' }] }),
    )) as {
      metrics: Array<{ variants: Array<{ variant: string; users: number; mean: number }> }>;
    };
    expect(result.metrics[0]!.variants.map((v) => [v.variant, v.users, v.mean])).toEqual([
      ['holdout', 2, 0],
      ['treatment', 2, 0.5],
    ]);

    // Reloading the product (a new pull) keeps the audience rows visible.
    await db.run(
      `CREATE OR REPLACE TABLE experiment_assignments AS SELECT 'exp_b' AS experiment_id, 'c8' AS customer_id, 'control' AS variant, TIMESTAMP '2026-01-01' AS assigned_at`,
    );
    await ensureAssignmentsView(engine);
    const after = await db.all<{ experiment_id: string }>(`SELECT DISTINCT experiment_id FROM experiment_assignments ORDER BY 1`);
    expect(after.map((r) => r.experiment_id)).toEqual(['audience_aud_1_v2', 'exp_b']);
    expect(await hasAssignments(engine)).toBe(true);
  });

  it('lists experiments with users per variant, described by the registry where it has them', async () => {
    db = await DuckDbEngine.open(':memory:');
    await db.run(
      `CREATE TABLE experiment_assignments AS SELECT experiment_id, customer_id, variant, CAST(t_at AS TIMESTAMP) AS assigned_at FROM (VALUES ('e2', 'c1', 'b', '2026-01-02'), ('e2', 'c2', 'a', '2026-01-01'), ('e2', 'c3', 'b', '2026-01-05'), ('e1', 'c1', 'control', '2026-02-01')) t(experiment_id, customer_id, variant, t_at)`,
    );
    await db.run(
      `CREATE TABLE experiments AS SELECT 'e2' AS experiment_id, 'Checkout' AS name, 'Shorter wins' AS hypothesis, 'purchase' AS primary_metric, 'a' AS control_variant, NULL AS start_at, TIMESTAMP '2026-03-01' AS end_at, 'running' AS status, '{"a":0.25,"b":0.75}' AS expected_split`,
    );
    const none = { end_at: null, status: null, expected_split: null, data_end: null };
    expect(await listExperiments(db, true)).toEqual([
      {
        id: 'e1',
        name: 'e1',
        hypothesis: null,
        primary_metric: null,
        control: null,
        start_at: null,
        ...none,
        source: 'assignments',
        first_assigned_at: '2026-02-01T00:00:00.000Z',
        last_assigned_at: '2026-02-01T00:00:00.000Z',
        variants: [{ variant: 'control', users: 1 }],
      },
      {
        id: 'e2',
        name: 'Checkout',
        hypothesis: 'Shorter wins',
        primary_metric: 'purchase',
        control: 'a',
        start_at: null,
        ...none,
        end_at: '2026-03-01T00:00:00.000Z',
        status: 'running',
        source: 'registry',
        expected_split: { a: 0.25, b: 0.75 },
        first_assigned_at: '2026-01-01T00:00:00.000Z',
        last_assigned_at: '2026-01-05T00:00:00.000Z',
        variants: [
          { variant: 'a', users: 1 },
          { variant: 'b', users: 2 },
        ],
      },
    ]);
    expect((await listExperiments(db, false))[1]?.name).toBe('e2');
  });

  it('names an audience holdout by its audience and version, expects its holdout share, and knows where the data ends', async () => {
    db = await DuckDbEngine.open(':memory:');
    await db.run(`CREATE TABLE conversions (conversion_id VARCHAR, customer_id VARCHAR, occurred_at TIMESTAMP, conversion_type VARCHAR, revenue DOUBLE)`);
    await db.run(`INSERT INTO conversions VALUES ('p1', 'c1', TIMESTAMP '2026-05-20', 'purchase', 10)`);
    const id = holdoutExperimentId('aud_1', 3);
    await recordHoldout(db, id, ['c1', 'c2', 'c3'], ['c4'], '2026-06-01T00:00:00.000Z', { name: 'Lapsed buyers', version: 3, holdoutPct: 10 });
    const [x] = await listExperiments(db, false);
    expect(x).toMatchObject({
      id,
      name: 'Lapsed buyers (version 3) holdout',
      control: 'holdout',
      source: 'audience',
      expected_split: { holdout: 0.1, treatment: 0.9 },
      data_end: '2026-05-20T00:00:00.000Z',
      start_at: '2026-06-01T00:00:00.000Z',
    });
    // Without a kept percentage there is no design to expect (not an equal split).
    await recordHoldout(db, id, ['c1'], ['c4'], '2026-06-01T00:00:00.000Z', { name: 'Lapsed buyers', version: 3, holdoutPct: null });
    expect((await listExperiments(db, false))[0]?.expected_split).toBeNull();
  });

  it('keeps only the held-out customers who could have been sent, so both arms are the reachable segment', async () => {
    db = await DuckDbEngine.open(':memory:');
    await db.run(
      `CREATE TABLE customers AS SELECT * FROM (VALUES ('c1', TRUE, 'a@x'), ('h1', TRUE, 'b@x'), ('h2', FALSE, 'c@x'), ('h3', TRUE, NULL), ('h4', TRUE, '  ')) t(customer_id, consent_ads, email)`,
    );
    const id = holdoutExperimentId('aud_2', 1);
    await recordHoldout(db, id, ['c1'], ['h1', 'h2', 'h3', 'h4', 'h5'], '2026-06-01T00:00:00.000Z', {
      name: 'Ads',
      version: 1,
      holdoutPct: 10,
      purpose: 'ads',
    });
    const rows = await db.all<{ customer_id: string; variant: string }>(`SELECT customer_id, variant FROM experiment_assignments ORDER BY 1`);
    // h2 has no consent, h3 and h4 no e-mail, h5 is not in customers: none of them could have been sent.
    expect(rows).toEqual([
      { customer_id: 'c1', variant: 'treatment' },
      { customer_id: 'h1', variant: 'holdout' },
    ]);
    // Without a purpose (an old record) the holdout is recorded as it was kept.
    await recordHoldout(db, id, ['c1'], ['h1', 'h2'], '2026-06-01T00:00:00.000Z');
    expect((await db.all<{ n: number }>(`SELECT count(*) AS n FROM experiment_assignments WHERE variant = 'holdout'`))[0]!.n).toBe(2);
  });
});
