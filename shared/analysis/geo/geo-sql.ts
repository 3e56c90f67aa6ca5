/**
 * The queries of geo analyses (SPEC section 9) over the `geo_sales` product. Geo ids, dates and
 * geo lists are bound parameters; the metric column is quoted and has been checked against the
 * loaded product's columns before any of these run.
 */
import { ident, joinSql, param, sql, type Sql } from '../sql';

/** Column names and DuckDB types of the loaded geo_sales table or view. */
export function geoSalesColumnsSql(): Sql {
  return sql`SELECT column_name AS name, data_type AS type FROM information_schema.columns
      WHERE table_name = 'geo_sales' ORDER BY ordinal_position`;
}

/** Every geo id of the product, ascending (byte order). */
export function geoIdsSql(): Sql {
  return sql`SELECT DISTINCT CAST(geo_id AS VARCHAR) AS geo_id FROM geo_sales WHERE geo_id IS NOT NULL ORDER BY 1`;
}

/** The inclusive date ranges as a SQL condition on `date`. */
function inRanges(ranges: readonly (readonly [string, string])[]): Sql {
  return joinSql(
    ranges.map(([from, to]) => sql`(CAST("date" AS DATE) BETWEEN CAST(${from} AS DATE) AND CAST(${to} AS DATE))`),
    ' OR ',
  );
}

/**
 * Per day of the ranges on which any listed geo has a row: y = the sum of `metric` over the
 * treatment geos and x = over the control geos. A geo without a row that day, or with a NULL
 * value, adds nothing (SUM semantics), so y or x is 0 rather than NULL.
 */
export function geoDailySumsSql(metric: string, treatment: readonly string[], control: readonly string[], ranges: readonly (readonly [string, string])[]): Sql {
  const m = sql`CAST(${ident(metric)} AS DOUBLE)`;
  // Each list is bound once and read four times.
  const t = param(treatment);
  const c = param(control);
  return sql`SELECT strftime(CAST("date" AS DATE), '%Y-%m-%d') AS date,
      COALESCE(sum(${m}) FILTER (WHERE list_contains(${t}, CAST(geo_id AS VARCHAR))), 0) AS y,
      COALESCE(sum(${m}) FILTER (WHERE list_contains(${c}, CAST(geo_id AS VARCHAR))), 0) AS x
    FROM geo_sales
    WHERE (${inRanges(ranges)})
      AND (list_contains(${t}, CAST(geo_id AS VARCHAR)) OR list_contains(${c}, CAST(geo_id AS VARCHAR)))
    GROUP BY CAST("date" AS DATE)
    ORDER BY CAST("date" AS DATE)`;
}

/**
 * Per day and listed geo, the sum of `metric` (a geo with several rows on a day is summed; NULL
 * values add nothing): the series synthetic control weights and placebos are fitted on.
 */
export function geoDailySeriesSql(metric: string, geos: readonly string[], ranges: readonly (readonly [string, string])[]): Sql {
  return sql`SELECT strftime(CAST("date" AS DATE), '%Y-%m-%d') AS date, CAST(geo_id AS VARCHAR) AS geo_id,
      COALESCE(sum(CAST(${ident(metric)} AS DOUBLE)), 0) AS value
    FROM geo_sales
    WHERE (${inRanges(ranges)}) AND list_contains(${geos}, CAST(geo_id AS VARCHAR))
    GROUP BY 1, 2
    ORDER BY 1, 2`;
}

/** First and last day of geo_sales (YYYY-MM-DD), NULL when it has no rows. */
export function geoDateRangeSql(): Sql {
  return sql`SELECT strftime(min(CAST("date" AS DATE)), '%Y-%m-%d') AS first, strftime(max(CAST("date" AS DATE)), '%Y-%m-%d') AS last FROM geo_sales`;
}

/** Every geo with its name and country (first non-NULL), ascending by id: the builder's pick list. */
export function geoListSql(): Sql {
  return sql`SELECT CAST(geo_id AS VARCHAR) AS geo_id, CAST(min(geo_name) AS VARCHAR) AS geo_name, CAST(min(country) AS VARCHAR) AS country
      FROM geo_sales WHERE geo_id IS NOT NULL GROUP BY 1 ORDER BY 1`;
}

/** The experiments registry, whose rows with design = 'geo' are the geo tests (see geo-tests.ts). */
export function registrySql(): Sql {
  return sql`SELECT * FROM experiments`;
}
