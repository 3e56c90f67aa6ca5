import type { AppEngine } from './app-services';

/**
 * Audience holdouts as experiments: once an audience version with a holdout is activated, its
 * sent members ("treatment") and held-out members ("holdout") are recorded with the activation
 * time as assignments, so the experiment builder reads the same split the audience used.
 * They live in the workspace table `_mw_audience_assignments`; a temporary view named
 * `experiment_assignments` shows them beside the experiment_assignments product (audience
 * experiment ids start with `audience_`, so the product's experiments are unchanged).
 */
const TABLE = '_mw_audience_assignments';

export function holdoutExperimentId(audienceId: string, version: number): string {
  return `audience_${audienceId}_v${version}`;
}

async function exists(engine: AppEngine, name: string, temporary: boolean): Promise<boolean> {
  const [row] = await engine.all<{ n: number }>(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = $1 AND temporary = $2`, [name, temporary]);
  return (row?.n ?? 0) > 0;
}

/** Recreates the view after products load; a no-op until an audience holdout was recorded. */
export async function ensureAssignmentsView(engine: AppEngine): Promise<void> {
  if (!(await exists(engine, TABLE, false))) return;
  // Qualified with the database name: inside a temp view `main.` would find the view itself.
  const [db] = await engine.all<{ name: string }>(`SELECT current_database() AS name`);
  const schema = `"${(db?.name ?? 'memory').replace(/"/g, '""')}".main`;
  const product = await exists(engine, 'experiment_assignments', false);
  const union = product ? `SELECT experiment_id, customer_id, variant, assigned_at FROM ${schema}.experiment_assignments UNION ALL ` : '';
  await engine.run(`CREATE OR REPLACE TEMP VIEW experiment_assignments AS ${union}SELECT experiment_id, customer_id, variant, assigned_at FROM ${schema}.${TABLE}`);
}

export async function recordHoldout(engine: AppEngine, experimentId: string, members: readonly string[], holdout: readonly string[], assignedAt: string): Promise<void> {
  await engine.run(`CREATE TABLE IF NOT EXISTS main.${TABLE} (experiment_id VARCHAR, customer_id VARCHAR, variant VARCHAR, assigned_at TIMESTAMP)`);
  await engine.run(`DELETE FROM main.${TABLE} WHERE experiment_id = $1`, [experimentId]);
  await engine.run(
    `INSERT INTO main.${TABLE} SELECT $1, unnest($2::VARCHAR[]), 'treatment', CAST($4 AS TIMESTAMP) UNION ALL SELECT $1, unnest($3::VARCHAR[]), 'holdout', CAST($4 AS TIMESTAMP)`,
    [experimentId, [...members], [...holdout], assignedAt],
  );
  await ensureAssignmentsView(engine);
}

/** Whether any experiment assignments can be read (the product, audience holdouts, or both). */
export async function hasAssignments(engine: AppEngine): Promise<boolean> {
  return (await exists(engine, 'experiment_assignments', false)) || (await exists(engine, TABLE, false));
}
