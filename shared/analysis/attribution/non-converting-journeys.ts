import type { QueryEngine } from '../../engine';
import { execute, ident, sql, type Sql } from '../sql';
import { tableExists, type JourneyCache } from './journeys-cache';

/**
 * The non-converting journeys (SPEC section 3's Markov model, and the paths report's
 * non-converting counts): per customer, the touches kept by `interactions` after their last
 * conversion of the type (all their touches where they never converted), ordered by
 * (occurred_at, touchpoint_id); touches without a customer_id belong to no journey. They do not
 * depend on the lookback, so they are built once per (conversion type, interactions, data).
 *
 * Ordering ~20M touches per customer is the one expensive step (one window pass, most of a
 * cold run at 1M customers), and both consumers need it, so one pass writes what both keep:
 *
 * - `<source>_ncgrams`: Markov's 4-gram counts (l3, l2, l1, ch, last, cnt), see markov.ts;
 * - `<source>_ncpaths`: the paths report's count of journeys per collapsed path (consecutive
 *   repeats of a channel kept once), path as comma-joined channel codes.
 *
 * The per-touch rows in between are dropped once both are counted (hundreds of MB at 1M
 * customers, gigabytes at 5M); what stays is a few hundred thousand rows at most.
 */
export interface NonConverting {
  grams: string;
  paths: string;
}

function nonConvertingSource(cache: JourneyCache): Sql {
  return sql`(SELECT t.customer_id, t.occurred_at, t.touchpoint_id, k.ch
     FROM touchpoints t
     JOIN ${ident(cache.chan)} k ON k.channel = COALESCE(t.channel, '(unknown)')
     LEFT JOIN (SELECT customer_id, max(occurred_at) AS last_at FROM conversions WHERE conversion_type = ${cache.conversionType} GROUP BY customer_id) l ON l.customer_id = t.customer_id
     WHERE list_contains(${cache.interactions}::VARCHAR[], t.interaction) AND t.occurred_at IS NOT NULL AND t.customer_id IS NOT NULL
       AND (l.last_at IS NULL OR t.occurred_at > l.last_at))`;
}

export async function ensureNonConverting(db: QueryEngine, cache: JourneyCache): Promise<NonConverting> {
  const out = { grams: `${cache.source}_ncgrams`, paths: `${cache.source}_ncpaths` };
  if ((await tableExists(db, out.grams)) && (await tableExists(db, out.paths))) return out;
  const touches = `${cache.source}_nctouch`;
  // lag(ch) is the previous touch's channel: the 4-gram's l1, and what collapses repeats.
  await execute(
    db,
    sql`CREATE OR REPLACE TEMP TABLE ${ident(touches)} AS
     SELECT customer_id, CAST(row_number() OVER w AS INTEGER) AS seq, ch,
            lag(ch, 3) OVER w AS l3, lag(ch, 2) OVER w AS l2, lag(ch, 1) OVER w AS l1, lead(ch) OVER w IS NULL AS last
     FROM ${nonConvertingSource(cache)} WINDOW w AS (PARTITION BY customer_id ORDER BY occurred_at, touchpoint_id)`,
  );
  try {
    await execute(
      db,
      sql`CREATE OR REPLACE TEMP TABLE ${ident(out.grams)} AS SELECT l3, l2, l1, ch, last, count(*) AS cnt FROM ${ident(touches)} GROUP BY ALL`,
    );
    // No ordered aggregate (see conversion-paths.ts): seq * 65536 + code in a plain list, sorted.
    await execute(
      db,
      sql`CREATE OR REPLACE TEMP TABLE ${ident(out.paths)} AS
       SELECT path, count(*) AS journeys FROM (
         SELECT customer_id, array_to_string(list_transform(list_sort(list(CAST(seq AS BIGINT) * 65536 + ch)), x -> x % 65536), ',') AS path
         FROM ${ident(touches)} WHERE l1 IS NULL OR l1 <> ch GROUP BY customer_id)
       GROUP BY path`,
    );
  } finally {
    await execute(db, sql`DROP TABLE IF EXISTS ${ident(touches)}`);
  }
  return out;
}
