import type { QueryEngine } from '../../engine';
import { execute, ident, queryRows, sql } from '../sql';
import { channelNames, ensureJourneys, tableExists } from './journeys-cache';
import { ensureNonConverting } from './non-converting-journeys';

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
 * distributions. Both path counts are cached with the lookback's journeys.
 */
export async function conversionPaths(db: QueryEngine, request: PathsRequest, topN = 20, opts: { dataVersion?: string } = {}): Promise<PathsSummary> {
  const cache = await ensureJourneys(db, {
    conversionType: request.conversion_type,
    lookbackDays: request.lookback_days,
    interactions: request.interactions,
    ...(opts.dataVersion !== undefined ? { dataVersion: opts.dataVersion } : {}),
  });
  // Ordered aggregates keep every group's rows in memory (out of memory at 1M customers under a
  // 1 GB limit); a plain list of pos * 65536 + code, sorted afterwards, gives the same order.
  const convPaths = `${cache.touch}_paths`;
  if (!(await tableExists(db, convPaths))) {
    await execute(
      db,
      sql`CREATE OR REPLACE TEMP TABLE ${ident(convPaths)} AS
       SELECT path, count(*) AS conversions FROM (
         SELECT cid, array_to_string(list_transform(list_sort(list(CAST(pos AS BIGINT) * 65536 + ch)), x -> x % 65536), ',') AS path FROM (
           SELECT cid, pos, ch, lag(ch) OVER (PARTITION BY cid ORDER BY pos) AS prev FROM ${ident(cache.touch)})
         WHERE prev IS NULL OR prev <> ch GROUP BY cid)
       GROUP BY path`,
    );
  }
  // Paths as comma-joined channel codes (repeats collapsed) until the top N are known; names last.
  // The non-converting journeys' path counts do not depend on the lookback (and come from the
  // same pass as Markov's counts): built once, joined to whichever top paths are asked for.
  const nonConverting = await ensureNonConverting(db, cache);
  const top = await queryRows<{ path: string; conversions: number; non_converting: number }>(
    db,
    sql`SELECT cp.path, cp.conversions, COALESCE(nc.journeys, 0) AS non_converting
     FROM (SELECT * FROM ${ident(convPaths)} ORDER BY conversions DESC LIMIT ${topN * 4 + 50}) cp LEFT JOIN ${ident(nonConverting.paths)} nc USING (path)`,
  );
  const names = await channelNames(db, cache);
  const labelled = top.map((r) => ({
    path: r.path
      .split(',')
      .map((code) => names.get(code) ?? code)
      .join(' > '),
    conversions: r.conversions,
    non_converting: r.non_converting,
    conversion_rate: r.conversions / (r.conversions + r.non_converting),
  }));
  // Ties on the count are ordered by the path's name; the over-fetch above keeps every path tied
  // at the cut-off except in pathological data, where the order among equals is still stable.
  labelled.sort((a, b) => b.conversions - a.conversions || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const paths: PathRow[] = labelled.slice(0, topN);
  const touches = await queryRows<{ touches: number; conversions: number }>(
    db,
    sql`SELECT least(n, ${MAX_TOUCH_BUCKET}) AS touches, count(*) AS conversions FROM ${ident(cache.conv)} WHERE n > 0 GROUP BY 1 ORDER BY 1`,
  );
  const days = await queryRows<{ days: number; conversions: number }>(
    db,
    sql`SELECT CAST(floor(secs / 86400) AS INTEGER) AS days, count(*) AS conversions FROM ${ident(cache.touch)} WHERE pos = 1 GROUP BY days ORDER BY days`,
  );
  return { paths, touches, days };
}
