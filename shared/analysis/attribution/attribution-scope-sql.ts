import type { QueryEngine } from '../../engine';
import { execute, ident, queryRows, sql, type Sql } from '../sql';

/**
 * The SQL behind our attribution extensions (docs/attribution.md, "Reporting period, campaigns
 * and cost"). The journeys cache reads the tables `touchpoints` and `conversions` by name; a
 * TEMP table of that name shadows the product (DuckDB resolves the temp schema first), so the
 * reporting period and the campaign drill reuse every model without a second code path.
 */

/** The product tables a shadow may replace. */
export type ShadowedTable = 'touchpoints' | 'conversions';

async function tempTables(db: QueryEngine): Promise<Set<string>> {
  const rows = await queryRows<{ name: string }>(db, sql`SELECT table_name AS name FROM duckdb_tables() WHERE temporary`);
  return new Set(rows.map((r) => r.name));
}

/**
 * Runs `work` while `table` reads as `select` (a query over the current `table`). It composes: a
 * shadow already in place (calibration's period) is read by `select`, set aside and restored
 * afterwards. The TEMP tables `work` creates (journeys caches of this scope, keyed by the
 * caller's data version) are dropped afterwards, so scopes never accumulate; the engine runs one
 * request at a time, so nothing else sees the shadow.
 */
export async function withShadowTable<T>(db: QueryEngine, table: ShadowedTable, select: Sql, work: () => Promise<T>): Promise<T> {
  const before = await tempTables(db);
  const staged = `_mw_scope_${table}`;
  const outer = `_mw_outer_${table}`;
  const nested = before.has(table);
  await execute(db, sql`CREATE OR REPLACE TEMP TABLE ${ident(staged)} AS ${select}`);
  if (nested) await execute(db, sql`ALTER TABLE temp.main.${ident(table)} RENAME TO ${ident(outer)}`);
  await execute(db, sql`ALTER TABLE temp.main.${ident(staged)} RENAME TO ${ident(table)}`);
  try {
    return await work();
  } finally {
    await execute(db, sql`DROP TABLE IF EXISTS temp.main.${ident(table)}`);
    if (nested) await execute(db, sql`ALTER TABLE temp.main.${ident(outer)} RENAME TO ${ident(table)}`);
    for (const name of await tempTables(db)) if (!before.has(name)) await execute(db, sql`DROP TABLE IF EXISTS temp.main.${ident(name)}`);
  }
}

/** The conversions whose calendar day (UTC) is from `from` to `to`, both included. */
export function conversionsInRangeSql(range: { from: string; to: string }): Sql {
  return sql`SELECT * FROM conversions WHERE occurred_at >= CAST(${range.from} AS DATE) AND occurred_at < CAST(${range.to} AS DATE) + INTERVAL 1 DAY`;
}

/**
 * Touchpoints where the touches of `channel` carry their campaign as their channel (a touch
 * without one reads `noCampaign`), so every model credits that channel's campaigns one by one.
 */
export function campaignTouchpointsSql(channel: string, noCampaign: string): Sql {
  return sql`SELECT * REPLACE (CASE WHEN channel = ${channel} THEN COALESCE(campaign_id, ${noCampaign}) ELSE channel END AS channel) FROM touchpoints`;
}

/** Whether a non-temporary table or view of this name is loaded. */
export async function productLoaded(db: QueryEngine, name: string): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`SELECT (SELECT count(*) FROM duckdb_tables() WHERE table_name = ${name} AND NOT temporary)
             + (SELECT count(*) FROM duckdb_views() WHERE view_name = ${name} AND NOT temporary) AS n`,
  );
  return (rows[0]?.n ?? 0) > 0;
}

/** Whether `touchpoints` has a `campaign_id` column (the campaign drill needs it). */
export async function touchpointsHaveCampaigns(db: QueryEngine): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'touchpoints' AND column_name = 'campaign_id'`,
  );
  return (rows[0]?.n ?? 0) > 0;
}

/** The campaigns of `channel`'s touches (NULL for touches without one), sorted. */
export async function channelCampaigns(db: QueryEngine, channel: string): Promise<(string | null)[]> {
  const rows = await queryRows<{ id: string | null }>(
    db,
    sql`SELECT DISTINCT campaign_id AS id FROM touchpoints WHERE channel = ${channel} ORDER BY 1 NULLS LAST`,
  );
  return rows.map((r) => r.id);
}

/** Campaign id -> its name in Campaign Performance 360 (call only when that product is loaded). */
export async function campaignNames(db: QueryEngine, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; name: string | null }>(
    db,
    sql`SELECT campaign_id AS id, min(campaign_name) AS name FROM campaign_performance WHERE list_contains(${[...ids]}::VARCHAR[], campaign_id) GROUP BY 1`,
  );
  return new Map(rows.filter((r) => r.name !== null).map((r) => [r.id, r.name!]));
}

/** The first and last calendar day (UTC) of the conversions of a type; null without any. */
export async function conversionDays(db: QueryEngine, conversionType: string): Promise<{ from: string; to: string } | null> {
  const rows = await queryRows<{ from: string | null; to: string | null }>(
    db,
    sql`SELECT strftime(min(occurred_at), '%Y-%m-%d') AS "from", strftime(max(occurred_at), '%Y-%m-%d') AS "to" FROM conversions WHERE conversion_type = ${conversionType}`,
  );
  const row = rows[0];
  return row?.from && row.to ? { from: row.from, to: row.to } : null;
}

/**
 * Campaign Performance 360 spend per channel over the days from `from` to `to` (both included);
 * with `drillChannel`, that channel's spend per campaign instead, named as the drill names them.
 */
export async function spendByChannel(
  db: QueryEngine,
  range: { from: string; to: string },
  drill?: { channel: string; noCampaign: string },
): Promise<{ channel: string; spend: number }[]> {
  const key = drill ? sql`CASE WHEN channel = ${drill.channel} THEN COALESCE(campaign_id, ${drill.noCampaign}) ELSE channel END` : sql`channel`;
  return queryRows<{ channel: string; spend: number }>(
    db,
    sql`SELECT ${key} AS channel, sum(spend)::DOUBLE AS spend FROM campaign_performance
        WHERE date >= CAST(${range.from} AS DATE) AND date <= CAST(${range.to} AS DATE) AND channel IS NOT NULL
        GROUP BY 1 HAVING sum(spend) IS NOT NULL ORDER BY 1`,
  );
}
