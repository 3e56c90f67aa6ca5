import type { AttributionModel } from '../../specs/attribution-spec';
import { ident, param, raw, sql, type Sql } from '../sql';
import type { JourneyCache } from './journeys-cache';

/**
 * The rule-based models as one aggregation over the journeys cache each: a `credit` per touch
 * (summing to 1 per conversion), then conversions = sum(credit) and revenue =
 * sum(credit * revenue) per channel code.
 */
export type HeuristicModel = Extract<
  AttributionModel,
  { model: 'last_touch' | 'first_touch' | 'linear' | 'position_based' | 'time_decay' | 'last_non_direct' }
>;

export function isHeuristic(model: AttributionModel): model is HeuristicModel {
  return ['last_touch', 'first_touch', 'linear', 'position_based', 'time_decay', 'last_non_direct'].includes(model.model);
}

export function heuristicSql(cache: JourneyCache, model: HeuristicModel): Sql {
  const t = ident(cache.touch);
  const aggregate = (credit: Sql) =>
    sql`SELECT ch, sum(credit) AS conversions, sum(credit * revenue) AS revenue FROM (SELECT ch, revenue, ${credit} AS credit FROM ${t}) GROUP BY ch`;
  switch (model.model) {
    case 'last_touch':
      return aggregate(raw('CASE WHEN pos = n THEN 1.0 ELSE 0.0 END'));
    case 'first_touch':
      return aggregate(raw('CASE WHEN pos = 1 THEN 1.0 ELSE 0.0 END'));
    case 'linear':
      return aggregate(raw('1.0 / n'));
    case 'position_based': {
      const first = param(model.first_weight);
      const last = param(model.last_weight);
      return aggregate(
        sql`CASE WHEN n = 1 THEN 1.0
                WHEN n = 2 THEN 0.5
                WHEN pos = 1 THEN ${first}
                WHEN pos = n THEN ${last}
                ELSE (1.0 - ${first} - ${last}) / (n - 2) END`,
      );
    }
    case 'time_decay':
      // Weights relative to the most recent touch (the same after normalising), so long
      // lookbacks with short half-lives never underflow to 0/0.
      return sql`SELECT ch, sum(credit) AS conversions, sum(credit * revenue) AS revenue FROM (
                SELECT ch, revenue, w / sum(w) OVER (PARTITION BY cid) AS credit FROM (
                  SELECT cid, ch, revenue, pow(2.0, -age / 86400.0 / ${model.half_life_days}) AS w FROM ${t}))
              GROUP BY ch`;
    case 'last_non_direct':
      return sql`SELECT ch, sum(credit) AS conversions, sum(credit * revenue) AS revenue FROM (
                SELECT ch, revenue, CASE WHEN pos = COALESCE(lnd, n) THEN 1.0 ELSE 0.0 END AS credit FROM (
                  SELECT ch, revenue, pos, n, max(CASE WHEN NOT direct THEN pos END) OVER (PARTITION BY cid) AS lnd FROM ${t}))
              GROUP BY ch`;
  }
}

/**
 * Shapley values over channel sets. Value function: v(S) = the conversions (and revenue) of the
 * converting journeys whose set of distinct channels is contained in S. This v is a sum of
 * unanimity games, one per journey, so each journey's Shapley share is split equally over its
 * distinct channels, exactly, for any number of channels.
 */
export function shapleySql(cache: JourneyCache): Sql {
  return sql`SELECT ch, sum(1.0 / k) AS conversions, sum(revenue / k) AS revenue FROM (
            SELECT cid, ch, any_value(revenue) AS revenue, count(*) OVER (PARTITION BY cid) AS k
            FROM (SELECT DISTINCT cid, ch, revenue FROM ${ident(cache.touch)}) GROUP BY cid, ch)
          GROUP BY ch`;
}
