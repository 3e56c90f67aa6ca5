import type { QueryEngine } from '../../engine';
import { ensureJourneys } from './journeys-cache';

export interface PathsRequest {
  conversion_type: string;
  lookback_days: number;
  interactions: readonly string[];
}

export type PathRow = {
  /** Channels in order, consecutive repeats collapsed: "paid_social > email > paid_search". */
  path: string;
  conversions: number;
  non_converting: number;
  /** conversions / (conversions + non_converting journeys with the same path). */
  conversion_rate: number;
};

export interface PathsSummary {
  paths: PathRow[];
  /** Converting journeys by number of touches (the last bucket holds that many or more). */
  touches: { touches: number; conversions: number }[];
  /** Converting journeys by whole days from their first touch to the conversion. */
  days: { days: number; conversions: number }[];
}

const MAX_TOUCH_BUCKET = 15;

/**
 * The conversion-paths report: the top paths with their converting and non-converting journey
 * counts (journeys as in SPEC section 3's Markov model), plus touches- and days-to-conversion
 * distributions. Three queries, whatever the data size.
 */
export async function conversionPaths(db: QueryEngine, request: PathsRequest, topN = 20, opts: { dataVersion?: string } = {}): Promise<PathsSummary> {
  const cache = await ensureJourneys(db, {
    conversionType: request.conversion_type,
    lookbackDays: request.lookback_days,
    interactions: request.interactions,
    ...(opts.dataVersion !== undefined ? { dataVersion: opts.dataVersion } : {}),
  });
  const paths = await db.all<PathRow>(
    `WITH conv_steps AS (
       SELECT t.conversion_id AS jid, t.pos, k.channel FROM ${cache.touch} t JOIN ${cache.chan} k USING (ch)
     ), lastc AS (
       SELECT customer_id, max(occurred_at) AS last_at FROM conversions WHERE conversion_type = $1 GROUP BY customer_id
     ), nc_steps AS (
       SELECT t.customer_id AS jid, row_number() OVER (PARTITION BY t.customer_id ORDER BY t.occurred_at, t.touchpoint_id) AS pos, COALESCE(t.channel, '(unknown)') AS channel
       FROM touchpoints t LEFT JOIN lastc l ON l.customer_id = t.customer_id
       WHERE list_contains($2::VARCHAR[], t.interaction) AND t.occurred_at IS NOT NULL AND (l.last_at IS NULL OR t.occurred_at > l.last_at)
     ), steps AS (
       SELECT 'c' || jid AS jid, pos, channel, TRUE AS converted FROM conv_steps
       UNION ALL SELECT 'n' || jid, pos, channel, FALSE FROM nc_steps
     ), collapsed AS (
       SELECT jid, pos, channel, converted FROM (
         SELECT *, lag(channel) OVER (PARTITION BY jid ORDER BY pos) AS prev FROM steps)
       WHERE prev IS NULL OR prev <> channel
     ), journeys AS (
       SELECT jid, any_value(converted) AS converted, string_agg(channel, ' > ' ORDER BY pos) AS path FROM collapsed GROUP BY jid
     )
     SELECT path, count(*) FILTER (WHERE converted) AS conversions, count(*) FILTER (WHERE NOT converted) AS non_converting,
            count(*) FILTER (WHERE converted) / count(*) AS conversion_rate
     FROM journeys GROUP BY path HAVING count(*) FILTER (WHERE converted) > 0
     ORDER BY conversions DESC, path LIMIT $3`,
    [request.conversion_type, [...request.interactions], topN],
  );
  const touches = await db.all<{ touches: number; conversions: number }>(
    `SELECT least(n, ${MAX_TOUCH_BUCKET}) AS touches, count(*) AS conversions FROM ${cache.conv} WHERE n > 0 GROUP BY 1 ORDER BY 1`,
  );
  const days = await db.all<{ days: number; conversions: number }>(
    `SELECT days, count(*) AS conversions FROM (SELECT CAST(floor(max(secs) / 86400) AS INTEGER) AS days FROM ${cache.touch} GROUP BY conversion_id) GROUP BY days ORDER BY days`,
  );
  return { paths, touches, days };
}
