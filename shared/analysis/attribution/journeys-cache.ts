import type { QueryEngine } from '../../engine';

/**
 * The journeys cache behind what-if attribution. Built once per (conversion type, lookback,
 * interactions, source tables) into TEMP tables of the engine's connection, then every model
 * and parameter change re-aggregates these instead of re-joining raw touchpoints:
 *
 * - `<name>_conv`: every conversion of the type: conversion_id, revenue (NULL as 0), n (path
 *   length, 0 for an empty path).
 * - `<name>_touch`: one row per (conversion, touch on its path): conversion_id, pos (1..n by
 *   (occurred_at, touchpoint_id)), n, ch (integer channel code), direct, secs (seconds from the
 *   touch to the conversion), revenue.
 * - `<name>_chan`: ch -> channel name.
 *
 * The source tables' OIDs are part of the key: reloading a product creates a new table, so a
 * stale cache is never read.
 */
export interface JourneyKey {
  conversionType: string;
  lookbackDays: number;
  interactions: readonly string[];
}

export interface JourneyCache {
  conv: string;
  touch: string;
  chan: string;
  /** The key with the source-table fingerprint, for related caches (e.g. Markov journeys). */
  fingerprint: string;
}

/** FNV-1a 64-bit, hex: a stable, dependency-free name for cache tables. */
export function fnv1a(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

async function sourceFingerprint(db: QueryEngine): Promise<string> {
  const rows = await db.all<{ name: string; oid: number }>(
    `SELECT table_name AS name, table_oid AS oid FROM duckdb_tables() WHERE table_name IN ('touchpoints', 'conversions') AND NOT temporary
     UNION ALL SELECT view_name, view_oid FROM duckdb_views() WHERE view_name IN ('touchpoints', 'conversions') AND NOT temporary
     ORDER BY 1`,
  );
  return rows.map((r) => `${r.name}:${r.oid}`).join(',');
}

async function tableExists(db: QueryEngine, name: string): Promise<boolean> {
  const rows = await db.all<{ n: number }>(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = $1`, [name]);
  return (rows[0]?.n ?? 0) > 0;
}

/** Interactions as a sorted, de-duplicated list (the key must not depend on their order). */
export function normaliseInteractions(interactions: readonly string[]): string[] {
  return [...new Set(interactions)].sort();
}

export async function ensureJourneys(db: QueryEngine, key: JourneyKey): Promise<JourneyCache> {
  const interactions = normaliseInteractions(key.interactions);
  const fingerprint = `${await sourceFingerprint(db)}|${key.conversionType}|${interactions.join(',')}`;
  const name = `_mw_attr_${fnv1a(`${fingerprint}|${key.lookbackDays}`)}`;
  const cache = { conv: `${name}_conv`, touch: `${name}_touch`, chan: `${name}_chan`, fingerprint };
  if (await tableExists(db, cache.touch)) return cache;

  const params = [key.conversionType, interactions, key.lookbackDays];
  await db.run(
    `CREATE OR REPLACE TEMP TABLE ${name}_raw AS
     WITH conv AS (
       SELECT conversion_id, customer_id, occurred_at AS c_at, COALESCE(revenue, 0)::DOUBLE AS revenue
       FROM conversions WHERE conversion_type = $1
     ), tp AS (
       SELECT touchpoint_id, customer_id, occurred_at, COALESCE(channel, '(unknown)') AS channel
       FROM touchpoints WHERE list_contains($2::VARCHAR[], interaction) AND occurred_at IS NOT NULL
     )
     SELECT c.conversion_id, c.revenue, t.channel,
            (epoch_us(c.c_at) - epoch_us(t.occurred_at)) / 1e6 AS secs,
            row_number() OVER (PARTITION BY c.conversion_id ORDER BY t.occurred_at, t.touchpoint_id) AS pos,
            count(*) OVER (PARTITION BY c.conversion_id) AS n
     FROM conv c JOIN tp t
       ON t.customer_id = c.customer_id
      AND t.occurred_at <= c.c_at
      AND t.occurred_at >= c.c_at - to_days(CAST($3 AS INTEGER))`,
    params,
  );
  await db.run(`CREATE OR REPLACE TEMP TABLE ${cache.chan} AS SELECT CAST(row_number() OVER (ORDER BY channel) - 1 AS SMALLINT) AS ch, channel FROM (SELECT DISTINCT channel FROM ${name}_raw)`);
  await db.run(
    `CREATE OR REPLACE TEMP TABLE ${cache.touch} AS
     SELECT r.conversion_id, CAST(r.pos AS INTEGER) AS pos, CAST(r.n AS INTEGER) AS n, k.ch, r.channel = 'direct' AS direct, r.secs, r.revenue
     FROM ${name}_raw r JOIN ${cache.chan} k USING (channel)
     ORDER BY r.conversion_id, r.pos`,
  );
  await db.run(
    `CREATE OR REPLACE TEMP TABLE ${cache.conv} AS
     SELECT c.conversion_id, COALESCE(c.revenue, 0)::DOUBLE AS revenue, COALESCE(p.n, 0) AS n
     FROM conversions c LEFT JOIN (SELECT conversion_id, max(n) AS n FROM ${cache.touch} GROUP BY conversion_id) p USING (conversion_id)
     WHERE c.conversion_type = $1`,
    [key.conversionType],
  );
  await db.run(`DROP TABLE IF EXISTS ${name}_raw`);
  return cache;
}
