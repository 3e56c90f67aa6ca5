import type { QueryEngine } from '../../engine';
import { execute, ident, queryRows, raw, sql } from '../sql';

/**
 * Experiment assignments as the experiment builder lists them, and audience holdouts recorded as
 * experiments: once an audience version with a holdout is activated, its sent members
 * ("treatment") and held-out members ("holdout") are recorded with the activation time as
 * assignments, so the experiment builder reads the same split the audience used. They live in
 * the workspace table `_mw_audience_assignments`; a temporary view named
 * `experiment_assignments` shows them beside the experiment_assignments product (audience
 * experiment ids start with `audience_`, so the product's experiments are unchanged).
 */
const TABLE = '_mw_audience_assignments';

export function holdoutExperimentId(audienceId: string, version: number): string {
  return `audience_${audienceId}_v${version}`;
}

async function exists(db: QueryEngine, name: string, temporary: boolean): Promise<boolean> {
  const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ${name} AND temporary = ${temporary}`);
  return (row?.n ?? 0) > 0;
}

/** Recreates the view after products load; a no-op until an audience holdout was recorded. */
export async function ensureAssignmentsView(db: QueryEngine): Promise<void> {
  if (!(await exists(db, TABLE, false))) return;
  // Qualified with the database name: inside a temp view `main.` would find the view itself.
  const [current] = await queryRows<{ name: string }>(db, sql`SELECT current_database() AS name`);
  const schema = sql`${ident(current?.name ?? 'memory')}.main`;
  const product = await exists(db, 'experiment_assignments', false);
  const union = product ? sql`SELECT experiment_id, customer_id, variant, assigned_at FROM ${schema}.experiment_assignments UNION ALL ` : raw('');
  await execute(db, sql`CREATE OR REPLACE TEMP VIEW experiment_assignments AS ${union}SELECT experiment_id, customer_id, variant, assigned_at FROM ${schema}.${ident(TABLE)}`);
}

export async function recordHoldout(db: QueryEngine, experimentId: string, members: readonly string[], holdout: readonly string[], assignedAt: string): Promise<void> {
  const table = sql`main.${ident(TABLE)}`;
  await execute(db, sql`CREATE TABLE IF NOT EXISTS ${table} (experiment_id VARCHAR, customer_id VARCHAR, variant VARCHAR, assigned_at TIMESTAMP)`);
  await execute(db, sql`DELETE FROM ${table} WHERE experiment_id = ${experimentId}`);
  await execute(
    db,
    sql`INSERT INTO ${table} SELECT ${experimentId}, unnest(${[...members]}::VARCHAR[]), 'treatment', CAST(${assignedAt} AS TIMESTAMP)
        UNION ALL SELECT ${experimentId}, unnest(${[...holdout]}::VARCHAR[]), 'holdout', CAST(${assignedAt} AS TIMESTAMP)`,
  );
  await ensureAssignmentsView(db);
}

/** Whether any experiment assignments can be read (the product, audience holdouts, or both). */
export async function hasAssignments(db: QueryEngine): Promise<boolean> {
  return (await exists(db, 'experiment_assignments', false)) || (await exists(db, TABLE, false));
}

export interface ExperimentSummary {
  id: string;
  name: string;
  hypothesis: string | null;
  primary_metric: string | null;
  control: string | null;
  start_at: string | null;
  variants: { variant: string; users: number }[];
}

/**
 * Every experiment with assignments and its users per variant, described by the `experiments`
 * registry product where it is loaded (`withRegistry`); ids without an entry show as themselves.
 */
export async function listExperiments(db: QueryEngine, withRegistry: boolean): Promise<ExperimentSummary[]> {
  const variants = await queryRows<{ id: string; variant: string; users: number }>(
    db,
    sql`SELECT experiment_id AS id, variant, count(*) AS users FROM experiment_assignments GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const registry = withRegistry ? await queryRows(db, sql`SELECT * FROM experiments`) : [];
  const byId = new Map(registry.map((r) => [String(r.experiment_id), r]));
  const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const ids = [...new Set(variants.map((v) => v.id))];
  return ids.map((id) => {
    const meta = byId.get(id);
    return {
      id,
      name: text(meta?.name) ?? id,
      hypothesis: text(meta?.hypothesis),
      primary_metric: text(meta?.primary_metric),
      control: text(meta?.control_variant),
      start_at: text(meta?.start_at),
      variants: variants.filter((v) => v.id === id).map((v) => ({ variant: v.variant, users: v.users })),
    };
  });
}
