import type { QueryEngine } from '../../engine';
import { execute, ident, param, queryRows, sql } from '../sql';

/**
 * The journeys cache behind what-if attribution. Built once per (conversion type, lookback,
 * interactions, data version) into TEMP tables of the engine's connection; every model and
 * parameter change then re-aggregates these instead of re-joining raw touchpoints:
 *
 * - `<source>_chan`: ch (SMALLINT) -> channel name, every channel of the touchpoints kept by
 *   `interactions` (NULL as `(unknown)`). It does not depend on the lookback, so the codes are
 *   the same in every lookback's cache and in the Markov non-converting journeys.
 * - `<name>_conv`: every conversion of the type: cid (an integer id), revenue (NULL as 0), n
 *   (path length, 0 for an empty path).
 * - `<name>_touch`: one row per (conversion, touch on its path): cid, pos (1..n by
 *   (occurred_at, touchpoint_id)), n, ch, direct, secs (seconds from the touch to the
 *   conversion), age (seconds from the touch to the path's most recent touch), revenue; in no
 *   particular row order (every reader partitions or sorts by cid itself).
 *
 * The source tables' OIDs and the caller's `dataVersion` are part of the key: reloading a
 * product creates a new table, and a caller whose views read files that changed passes a new
 * version, so a stale cache is never read.
 */
export interface JourneyKey {
  conversionType: string;
  lookbackDays: number;
  interactions: readonly string[];
  /** Changes whenever the data behind `touchpoints`/`conversions` changes (e.g. a pull's version). */
  dataVersion?: string;
}

export interface JourneyCache {
  conv: string;
  touch: string;
  chan: string;
  /** Prefix of the caches that do not depend on the lookback (channel codes, Markov non-converting journeys). */
  source: string;
  conversionType: string;
  interactions: string[];
}

/** How many lookback caches a connection keeps (a 1..90 day sweep must not hold 90 copies). */
const MAX_LOOKBACK_CACHES = 4;
interface Built {
  name: string;
  source: string;
  lookbackDays: number;
}
/** The lookback caches of each connection, least recently used first. */
const built = new WeakMap<QueryEngine, Built[]>();

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
  const rows = await queryRows<{ name: string; oid: number }>(
    db,
    sql`SELECT table_name AS name, table_oid AS oid FROM duckdb_tables() WHERE table_name IN ('touchpoints', 'conversions') AND NOT temporary
     UNION ALL SELECT view_name, view_oid FROM duckdb_views() WHERE view_name IN ('touchpoints', 'conversions') AND NOT temporary
     ORDER BY 1`,
  );
  return rows.map((r) => `${r.name}:${r.oid}`).join(',');
}

export async function tableExists(db: QueryEngine, name: string): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(db, sql`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ${name}`);
  return (rows[0]?.n ?? 0) > 0;
}

/** Interactions as a sorted, de-duplicated list (the key must not depend on their order). */
export function normaliseInteractions(interactions: readonly string[]): string[] {
  return [...new Set(interactions)].sort();
}

async function ensureChannels(db: QueryEngine, chan: string, interactions: string[]): Promise<void> {
  if (await tableExists(db, chan)) return;
  await execute(
    db,
    sql`CREATE OR REPLACE TEMP TABLE ${ident(chan)} AS
     SELECT CAST(row_number() OVER (ORDER BY channel) - 1 AS SMALLINT) AS ch, channel
     FROM (SELECT DISTINCT COALESCE(channel, '(unknown)') AS channel FROM touchpoints WHERE list_contains(${interactions}::VARCHAR[], interaction))`,
  );
}

/** Channel code (as a string key) -> channel name, from the cache's channel table. */
export async function channelNames(db: QueryEngine, cache: JourneyCache): Promise<Map<string, string>> {
  const rows = await queryRows<{ ch: number; channel: string }>(db, sql`SELECT ch, channel FROM ${ident(cache.chan)}`);
  return new Map(rows.map((r) => [String(r.ch), r.channel]));
}

async function remember(db: QueryEngine, entry: Built): Promise<void> {
  const list = (built.get(db) ?? []).filter((b) => b.name !== entry.name);
  list.push(entry);
  while (list.length > MAX_LOOKBACK_CACHES) {
    const old = list.shift()!;
    await execute(db, sql`DROP TABLE IF EXISTS ${ident(`${old.name}_touch`)}`);
    await execute(db, sql`DROP TABLE IF EXISTS ${ident(`${old.name}_conv`)}`);
    // Markov's converting-journey counts hang off the touch table's name.
    for (const suffix of ['grams', 'paths', 'ncpaths']) await execute(db, sql`DROP TABLE IF EXISTS ${ident(`${old.name}_touch_${suffix}`)}`);
  }
  built.set(db, list);
}

/** A cache of the same source with a longer lookback that is still there, if any (the shortest such). */
async function longerCache(db: QueryEngine, source: string, lookbackDays: number): Promise<Built | undefined> {
  const candidates = (built.get(db) ?? []).filter((b) => b.source === source && b.lookbackDays > lookbackDays).sort((a, b) => a.lookbackDays - b.lookbackDays);
  for (const c of candidates) if (await tableExists(db, `${c.name}_conv`)) return c;
  return undefined;
}

export async function ensureJourneys(db: QueryEngine, key: JourneyKey): Promise<JourneyCache> {
  const interactions = normaliseInteractions(key.interactions);
  const fingerprint = `${await sourceFingerprint(db)}|${key.dataVersion ?? ''}|${key.conversionType}|${interactions.join(',')}`;
  const source = `_mw_attr_${fnv1a(fingerprint)}`;
  const name = `_mw_attr_${fnv1a(`${fingerprint}|${key.lookbackDays}`)}`;
  const cache: JourneyCache = {
    conv: `${name}_conv`,
    touch: `${name}_touch`,
    chan: `${source}_chan`,
    source,
    conversionType: key.conversionType,
    interactions,
  };
  await ensureChannels(db, cache.chan, interactions);
  const entry = { name, source, lookbackDays: key.lookbackDays };
  if (await tableExists(db, cache.conv)) {
    await remember(db, entry);
    return cache;
  }
  const parent = await longerCache(db, source, key.lookbackDays);
  // Conversions carry an integer id (cid) from here on: a fraction of the memory of the
  // VARCHAR conversion_id in a cache of millions of rows, and faster to partition on.
  let conversionsTable: string;
  if (parent) {
    await remember(db, parent);
    conversionsTable = `${parent.name}_conv`;
    // A shorter lookback keeps the last touches of each longer path: those at most
    // lookbackDays * 86400 s before the conversion (the same edge as the join: included).
    // Positions shift by the touches dropped, so no raw join is needed; the most recent touch is
    // always kept, so `age` holds. The kept count per conversion is a hash aggregate joined back
    // (a quarter less CPU than a window over cid at 1M customers), and nothing is sorted: no
    // reader of the cache depends on its row order.
    const maxSecs = param(key.lookbackDays * 86400);
    const parentTouch = ident(`${parent.name}_touch`);
    await execute(
      db,
      sql`CREATE OR REPLACE TEMP TABLE ${ident(cache.touch)} AS
       WITH kept AS (SELECT cid, count(*) AS nl FROM ${parentTouch} WHERE secs <= ${maxSecs} GROUP BY cid)
       SELECT t.cid, CAST(t.pos - (t.n - k.nl) AS INTEGER) AS pos, CAST(k.nl AS INTEGER) AS n, t.ch, t.direct, t.secs, t.age, t.revenue
       FROM ${parentTouch} t JOIN kept k USING (cid) WHERE t.secs <= ${maxSecs}`,
    );
  } else {
    conversionsTable = `${name}_conv0`;
    await execute(
      db,
      sql`CREATE OR REPLACE TEMP TABLE ${ident(conversionsTable)} AS
       SELECT CAST(row_number() OVER () AS INTEGER) AS cid, customer_id, occurred_at AS c_at, COALESCE(revenue, 0)::DOUBLE AS revenue
       FROM conversions WHERE conversion_type = ${key.conversionType}`,
    );
    await execute(
      db,
      sql`CREATE OR REPLACE TEMP TABLE ${ident(cache.touch)} AS
       WITH tp AS (
         SELECT t.touchpoint_id, t.customer_id, t.occurred_at, k.ch, k.channel = 'direct' AS direct
         FROM touchpoints t JOIN ${ident(cache.chan)} k ON k.channel = COALESCE(t.channel, '(unknown)')
         WHERE list_contains(${interactions}::VARCHAR[], t.interaction) AND t.occurred_at IS NOT NULL
       ), raw AS (
         SELECT c.cid, c.revenue, t.ch, t.direct,
                (epoch_us(c.c_at) - epoch_us(t.occurred_at)) / 1e6 AS secs,
                row_number() OVER (PARTITION BY c.cid ORDER BY t.occurred_at, t.touchpoint_id) AS pos,
                count(*) OVER (PARTITION BY c.cid) AS n,
                (max(epoch_us(t.occurred_at)) OVER (PARTITION BY c.cid) - epoch_us(t.occurred_at)) / 1e6 AS age
         FROM ${ident(conversionsTable)} c JOIN tp t
           ON t.customer_id = c.customer_id
          AND t.occurred_at <= c.c_at
          AND t.occurred_at >= c.c_at - to_days(CAST(${key.lookbackDays} AS INTEGER))
       )
       SELECT cid, CAST(pos AS INTEGER) AS pos, CAST(n AS INTEGER) AS n, ch, direct, secs, age, revenue
       FROM raw ORDER BY cid, pos`,
    );
  }
  await execute(
    db,
    sql`CREATE OR REPLACE TEMP TABLE ${ident(cache.conv)} AS
     SELECT c.cid, c.revenue, COALESCE(p.n, 0) AS n
     FROM ${ident(conversionsTable)} c LEFT JOIN (SELECT cid, n FROM ${ident(cache.touch)} WHERE pos = 1) p USING (cid)`,
  );
  if (!parent) await execute(db, sql`DROP TABLE IF EXISTS ${ident(conversionsTable)}`);
  await remember(db, entry);
  return cache;
}
