import type { QueryEngine } from '../../engine';
import { ensureJourneys, tableExists } from './journeys-cache';
import { nonConvertingSource } from './markov';

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
 * distributions. The non-converting path counts do not depend on the lookback and are cached
 * once per (conversion type, interactions, data).
 */
export async function conversionPaths(db: QueryEngine, request: PathsRequest, topN = 20, opts: { dataVersion?: string } = {}): Promise<PathsSummary> {
  const cache = await ensureJourneys(db, {
    conversionType: request.conversion_type,
    lookbackDays: request.lookback_days,
    interactions: request.interactions,
    ...(opts.dataVersion !== undefined ? { dataVersion: opts.dataVersion } : {}),
  });
  // Paths as comma-joined channel codes (repeats collapsed) until the top N are known; names last.
  const ncPaths = `${cache.source}_ncpaths`;
  if (!(await tableExists(db, ncPaths))) {
    await db.run(
      `CREATE OR REPLACE TEMP TABLE ${ncPaths} AS
       SELECT path, count(*) AS journeys FROM (
         SELECT customer_id, string_agg(CAST(ch AS VARCHAR), ',' ORDER BY occurred_at, touchpoint_id) AS path FROM (
           SELECT customer_id, occurred_at, touchpoint_id, ch,
                  lag(ch) OVER (PARTITION BY customer_id ORDER BY occurred_at, touchpoint_id) AS prev
           FROM ${nonConvertingSource(cache)})
         WHERE prev IS NULL OR prev <> ch GROUP BY customer_id)
       GROUP BY path`,
      [cache.conversionType, cache.interactions],
    );
  }
  const paths = await db.all<PathRow>(
    `WITH cp AS (
       SELECT path, count(*) AS conversions FROM (
         SELECT cid, string_agg(CAST(ch AS VARCHAR), ',' ORDER BY pos) AS path FROM (
           SELECT cid, pos, ch, lag(ch) OVER (PARTITION BY cid ORDER BY pos) AS prev FROM ${cache.touch})
         WHERE prev IS NULL OR prev <> ch GROUP BY cid)
       GROUP BY path
     ), labels AS (
       SELECT path, string_agg(k.channel, ' > ' ORDER BY i) AS label FROM (
         SELECT path, unnest(string_split(path, ',')) AS code, generate_subscripts(string_split(path, ','), 1) AS i FROM cp)
       JOIN ${cache.chan} k ON CAST(k.ch AS VARCHAR) = code GROUP BY path
     )
     SELECT l.label AS path, cp.conversions, COALESCE(nc.journeys, 0) AS non_converting,
            cp.conversions / (cp.conversions + COALESCE(nc.journeys, 0)) AS conversion_rate
     FROM cp JOIN labels l USING (path) LEFT JOIN ${ncPaths} nc USING (path)
     ORDER BY cp.conversions DESC, l.label LIMIT $1`,
    [topN],
  );
  const touches = await db.all<{ touches: number; conversions: number }>(
    `SELECT least(n, ${MAX_TOUCH_BUCKET}) AS touches, count(*) AS conversions FROM ${cache.conv} WHERE n > 0 GROUP BY 1 ORDER BY 1`,
  );
  const days = await db.all<{ days: number; conversions: number }>(
    `SELECT CAST(floor(secs / 86400) AS INTEGER) AS days, count(*) AS conversions FROM ${cache.touch} WHERE pos = 1 GROUP BY days ORDER BY days`,
  );
  return { paths, touches, days };
}
