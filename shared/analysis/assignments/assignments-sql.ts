import type { QueryEngine } from '../../engine';
import { expectedSplitFromRegistry } from '../experiment/expected-split';
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
/**
 * What an audience holdout was designed as, beside its assignments: the audience's name and
 * version (what the experiment list shows instead of the id) and the holdout percentage the
 * split was drawn with (SPEC section 6), which is the split the SRM check must expect.
 */
const DESIGN = '_mw_audience_experiments';

export interface HoldoutDesign {
  name: string;
  version: number;
  /** Percent (0..50); null for records written before the percentage was kept. */
  holdoutPct: number | null;
  /** The destination's consent purpose; see `comparableHoldout`. */
  purpose?: 'email' | 'ads' | 'analytics' | null;
}

/**
 * The held-out customers who would otherwise have been sent. The holdout is drawn over the whole
 * segment (SPEC section 6) before consent and identifiers are checked, while the treated arm is
 * only those sent: comparing them as they are would set people who cannot be reached against
 * people who were, and would make the holdout's share larger than its percentage. Restricted by
 * the same rule the audience applied to members (consent for the purpose and an e-mail), both
 * arms are the reachable part of the segment and split by the hash alone, so the designed
 * split is the holdout percentage and the comparison is like for like.
 */
async function comparableHoldout(db: QueryEngine, holdout: readonly string[], purpose: HoldoutDesign['purpose']): Promise<string[]> {
  if (!purpose || holdout.length === 0) return [...holdout];
  const consent = `consent_${purpose}`;
  const [cols] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*) AS n FROM duckdb_columns() WHERE table_name = 'customers' AND column_name IN (${consent}, 'email', 'customer_id')`,
  );
  if ((cols?.n ?? 0) < 3) return [...holdout];
  const rows = await queryRows<{ customer_id: string }>(
    db,
    sql`SELECT DISTINCT customer_id FROM customers WHERE customer_id IN (SELECT unnest(${[...holdout]}::VARCHAR[]))
        AND ${ident(consent)} IS TRUE AND NULLIF(trim(email), '') IS NOT NULL ORDER BY customer_id`,
  );
  return rows.map((r) => r.customer_id);
}

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
  await execute(
    db,
    sql`CREATE OR REPLACE TEMP VIEW experiment_assignments AS ${union}SELECT experiment_id, customer_id, variant, assigned_at FROM ${schema}.${ident(TABLE)}`,
  );
}

export async function recordHoldout(
  db: QueryEngine,
  experimentId: string,
  members: readonly string[],
  allHeldOut: readonly string[],
  assignedAt: string,
  design?: HoldoutDesign,
): Promise<void> {
  const holdout = await comparableHoldout(db, allHeldOut, design?.purpose);
  if (design) {
    const meta = sql`main.${ident(DESIGN)}`;
    await execute(db, sql`CREATE TABLE IF NOT EXISTS ${meta} (experiment_id VARCHAR, name VARCHAR, version INTEGER, holdout_pct DOUBLE)`);
    await execute(db, sql`DELETE FROM ${meta} WHERE experiment_id = ${experimentId}`);
    await execute(db, sql`INSERT INTO ${meta} VALUES (${experimentId}, ${design.name}, ${design.version}, ${design.holdoutPct ?? null})`);
  }
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
  /** The planned end from the registry (what "users needed by the end" is measured against). */
  end_at: string | null;
  status: string | null;
  /** Where the experiment is described: the experiments product, an audience holdout, or nowhere. */
  source: 'registry' | 'audience' | 'assignments';
  /**
   * The designed share per variant for the spec's `expected_split`: the registry's design, or
   * for an audience holdout its holdout percentage; null where no design is known.
   */
  expected_split: Record<string, number> | null;
  /** First and last assignment: the window of the last user ends `window_days` after the latter. */
  first_assigned_at: string | null;
  last_assigned_at: string | null;
  /** The latest conversion in the Conversions extract (null when it is not loaded or empty). */
  data_end: string | null;
  variants: { variant: string; users: number }[];
}

async function tableExists(db: QueryEngine, name: string): Promise<boolean> {
  const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ${name}`);
  return (row?.n ?? 0) > 0;
}

/** A holdout's designed split from its percentage: `{"holdout": 0.1, "treatment": 0.9}` for 10%. */
export function holdoutSplit(holdoutPct: number | null): Record<string, number> | null {
  if (holdoutPct === null || !(holdoutPct > 0) || !(holdoutPct < 100)) return null;
  return { holdout: holdoutPct / 100, treatment: 1 - holdoutPct / 100 };
}

/**
 * Every experiment with assignments and its users per variant, described by the `experiments`
 * registry product where it is loaded (`withRegistry`) or by its audience holdout design; ids
 * without either show as themselves.
 */
export async function listExperiments(db: QueryEngine, withRegistry: boolean): Promise<ExperimentSummary[]> {
  const variants = await queryRows<{ id: string; variant: string; users: number; first: string | null; last: string | null }>(
    db,
    sql`SELECT experiment_id AS id, variant, count(*) AS users, min(assigned_at) AS first, max(assigned_at) AS last
        FROM experiment_assignments WHERE variant IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const registry = withRegistry ? await queryRows(db, sql`SELECT * FROM experiments`) : [];
  const byId = new Map(registry.map((r) => [String(r.experiment_id), r]));
  const audiences = (await tableExists(db, DESIGN))
    ? await queryRows<{ experiment_id: string; name: string; version: number; holdout_pct: number | null }>(db, sql`SELECT * FROM main.${ident(DESIGN)}`)
    : [];
  const byAudience = new Map(audiences.map((a) => [a.experiment_id, a]));
  const [end] = (await tableExists(db, 'conversions')) ? await queryRows<{ at: string | null }>(db, sql`SELECT max(occurred_at) AS at FROM conversions`) : [];
  const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const ids = [...new Set(variants.map((v) => v.id))];
  return ids.map((id): ExperimentSummary => {
    const meta = byId.get(id);
    const audience = byAudience.get(id);
    const rows = variants.filter((v) => v.id === id);
    const firsts = rows
      .map((r) => r.first)
      .filter((x): x is string => x !== null)
      .sort();
    const lasts = rows
      .map((r) => r.last)
      .filter((x): x is string => x !== null)
      .sort();
    return {
      id,
      name: text(meta?.name) ?? (audience ? `${audience.name} (version ${audience.version}) holdout` : id),
      hypothesis: text(meta?.hypothesis),
      primary_metric: text(meta?.primary_metric),
      control: text(meta?.control_variant) ?? (audience ? 'holdout' : null),
      start_at: text(meta?.start_at) ?? (audience ? (firsts[0] ?? null) : null),
      end_at: text(meta?.end_at),
      status: text(meta?.status) ?? (audience ? 'running' : null),
      source: meta ? 'registry' : audience ? 'audience' : 'assignments',
      expected_split: meta ? expectedSplitFromRegistry(meta.expected_split) : audience ? holdoutSplit(audience.holdout_pct) : null,
      first_assigned_at: firsts[0] ?? null,
      last_assigned_at: lasts[lasts.length - 1] ?? null,
      data_end: text(end?.at),
      variants: rows.map((v) => ({ variant: v.variant, users: v.users })),
    };
  });
}
