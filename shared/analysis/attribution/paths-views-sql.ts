import type { QueryEngine } from '../../engine';
import { channelName } from '../../display-names';
import { queryRows, ident, sql, type Sql } from '../sql';
import { channelNames, ensureJourneys } from './journeys-cache';

/** How the converting journeys are grouped: by whole path, or by the channel at one position. */
export const PATH_VIEWS = ['path', 'first', 'middle', 'last'] as const;
export type PathView = (typeof PATH_VIEWS)[number];

export interface PathsReportRequest {
  conversion_type: string;
  lookback_days: number;
  interactions: readonly string[];
  view: PathView;
  /** Keeps the rows with a channel whose id or display name contains this text (any case); '' keeps all. */
  search: string;
  /** At most this many rows, largest first. */
  limit: number;
}

export interface PathsReportRow {
  /** The path ("email > direct", repeats collapsed) or the channel id at the position. */
  key: string;
  /** Converting journeys on that path, or with that channel at the position (a journey counts once). */
  conversions: number;
  revenue: number;
  /** conversions / every converting journey with a touch (the same denominator in every view). */
  share: number;
}

export interface PathsReport {
  rows: PathsReportRow[];
  /** Rows that match the search, also beyond `limit`. */
  total_rows: number;
  /** Converting journeys with at least one touch. */
  journeys: number;
}

/**
 * The converting journeys of one position: the first touch (pos 1), the last (pos n) or the middle
 * ones (1 < pos < n, so journeys of one or two touches have none). A journey with the same channel
 * twice in the middle counts once for it.
 */
function positionSql(touch: Sql, view: Exclude<PathView, 'path'>): Sql {
  const where = view === 'first' ? sql`pos = 1` : view === 'last' ? sql`pos = n` : sql`pos > 1 AND pos < n`;
  return sql`SELECT DISTINCT cid, ch AS k, revenue FROM ${touch} WHERE ${where}`;
}

/**
 * Paths as lists of channel codes with consecutive repeats collapsed, as the conversion-paths report
 * reads them; no ordered aggregate (see conversion-paths.ts: pos * 65536 + code, sorted).
 */
function collapsedSql(touch: Sql): Sql {
  return sql`SELECT cid, list_transform(list_sort(list(CAST(pos AS BIGINT) * 65536 + ch)), x -> x % 65536) AS k, any_value(revenue) AS revenue FROM (
      SELECT cid, pos, ch, revenue, lag(ch) OVER (PARTITION BY cid ORDER BY pos) AS prev FROM ${touch})
    WHERE prev IS NULL OR prev <> ch GROUP BY cid`;
}

/**
 * The paths report beyond the top paths: every path, or every channel at the first, middle or last
 * position, with its converting journeys, their revenue and share, filtered by a channel name.
 * Runs on the lookback's journeys cache; nothing is kept between calls.
 */
export async function pathsReport(db: QueryEngine, request: PathsReportRequest, opts: { dataVersion?: string } = {}): Promise<PathsReport> {
  const cache = await ensureJourneys(db, {
    conversionType: request.conversion_type,
    lookbackDays: request.lookback_days,
    interactions: request.interactions,
    ...(opts.dataVersion !== undefined ? { dataVersion: opts.dataVersion } : {}),
  });
  const names = await channelNames(db, cache);
  const needle = request.search.trim().toLowerCase();
  // The search matches people's names ("Paid search") as well as ids ("paid_search").
  const matched = [...names.entries()]
    .filter(([, name]) => needle === '' || name.toLowerCase().includes(needle) || channelName(name).toLowerCase().includes(needle))
    .map(([code]) => Number(code));
  const [{ journeys } = { journeys: 0 }] = await queryRows<{ journeys: number }>(db, sql`SELECT count(*) AS journeys FROM ${ident(cache.conv)} WHERE n > 0`);
  if (matched.length === 0) return { rows: [], total_rows: 0, journeys };
  const touch = ident(cache.touch);
  const grouped =
    request.view === 'path'
      ? sql`SELECT array_to_string(k, ',') AS key, count(*) AS conversions, sum(revenue) AS revenue FROM (${collapsedSql(touch)})
            WHERE list_has_any(k, ${matched}::SMALLINT[]) GROUP BY k`
      : sql`SELECT CAST(k AS VARCHAR) AS key, count(*) AS conversions, sum(revenue) AS revenue FROM (${positionSql(touch, request.view)})
            WHERE list_contains(${matched}::SMALLINT[], k) GROUP BY k`;
  const rows = await queryRows<{ key: string; conversions: number; revenue: number | null; total_rows: number }>(
    db,
    sql`SELECT key, conversions, revenue, count(*) OVER () AS total_rows FROM (${grouped}) ORDER BY conversions DESC, key LIMIT ${request.limit}`,
  );
  const named = (codes: string) =>
    codes
      .split(',')
      .map((code) => names.get(code) ?? code)
      .join(' > ');
  return {
    rows: rows.map((r) => ({ key: named(r.key), conversions: r.conversions, revenue: r.revenue ?? 0, share: journeys > 0 ? r.conversions / journeys : 0 })),
    total_rows: rows[0]?.total_rows ?? 0,
    journeys,
  };
}
