import { joinSql, raw, sql, type Sql, inList as sqlInList } from '../sql';

/**
 * New customers for CAC (customer acquisition cost = spend / new customers). Campaign
 * Performance 360 has no new-customer count, so it is derived from two other products:
 *
 * - a customer is new in a date range when their first-ever `purchase` conversion (Conversions)
 *   falls in it (UTC calendar days, both ends included); later purchases never count again;
 * - each new customer is credited to the campaign of their last touchpoint with a campaign
 *   (Touchpoints, `campaign_id` not null) in the 30 days up to that first purchase; a customer
 *   with no such touch is credited to no campaign.
 *
 * With no channel, platform, campaign or search filter every new customer counts (credited or
 * not); with one, only those credited to a campaign the filter keeps.
 */
export const NEW_CUSTOMER_LOOKBACK_DAYS = 30;

/** The columns the rule reads; without all of them CAC has no value. */
export const NEW_CUSTOMER_COLUMNS = {
  conversions: ['customer_id', 'occurred_at', 'conversion_type'],
  touchpoints: ['customer_id', 'occurred_at', 'campaign_id'],
} as const;

/** One row per customer whose first purchase is in the range, with the campaign credited (or NULL). */
export function creditedNewCustomersSql(range: { from: string; to: string }): Sql {
  return sql`SELECT customer_id, campaign_id FROM (
      SELECT n.customer_id, t.campaign_id,
        row_number() OVER (PARTITION BY n.customer_id ORDER BY t.occurred_at DESC NULLS LAST, t.campaign_id DESC NULLS LAST) AS pick
      FROM (
        SELECT customer_id, first_at FROM (
          SELECT customer_id, min(occurred_at) AS first_at FROM conversions WHERE conversion_type = ${'purchase'} GROUP BY 1
        ) WHERE first_at >= CAST(${range.from} AS DATE) AND first_at < CAST(${range.to} AS DATE) + INTERVAL 1 DAY
      ) n
      LEFT JOIN touchpoints t ON t.customer_id = n.customer_id AND t.campaign_id IS NOT NULL
        AND t.occurred_at <= n.first_at AND t.occurred_at >= n.first_at - ${raw(`INTERVAL ${NEW_CUSTOMER_LOOKBACK_DAYS} DAY`)}
    ) WHERE pick = 1`;
}

/**
 * The campaigns a dashboard filter keeps (Campaign Performance 360's campaign attributes), or null
 * when it keeps every campaign and so every new customer, credited or not.
 */
export interface CampaignScope {
  channels: readonly string[];
  platforms: readonly string[];
  campaigns: readonly string[];
  /** A drill into one campaign (the grid's parent). */
  campaignId?: string | undefined;
  /** The grid's search: campaign name or id contains it. */
  search?: string;
}

function scopeWhere(scope: CampaignScope): Sql | null {
  const parts: Sql[] = [];
  const inList = (column: string, values: readonly string[]) => {
    if (values.length > 0) parts.push(sqlInList(column, values));
  };
  inList('channel', scope.channels);
  inList('platform', scope.platforms);
  inList('campaign_id', scope.campaigns);
  if (scope.campaignId !== undefined) parts.push(sql`"campaign_id" = ${scope.campaignId}`);
  if (scope.search) parts.push(sql`(contains(lower("campaign_name"), lower(${scope.search})) OR contains(lower("campaign_id"), lower(${scope.search})))`);
  return parts.length > 0 ? joinSql(parts, ' AND ') : null;
}

/** How many new customers the range and scope have (a scalar subquery). */
export function newCustomerCountSql(range: { from: string; to: string }, scope: CampaignScope): Sql {
  const where = scopeWhere(scope);
  const kept = where ? sql` WHERE campaign_id IN (SELECT DISTINCT campaign_id FROM campaign_performance WHERE ${where})` : raw('');
  return sql`(SELECT count(*) FROM (${creditedNewCustomersSql(range)})${kept})`;
}

/** New customers per credited campaign, for the grid's campaign rows. */
export function newCustomersByCampaignSql(range: { from: string; to: string }): Sql {
  return sql`SELECT campaign_id, count(*) AS new_customers FROM (${creditedNewCustomersSql(range)}) WHERE campaign_id IS NOT NULL GROUP BY 1`;
}

/** `SELECT * REPLACE` of `cac` over a metrics row set: spend / new customers, NULL when there are none. */
export function cacFrom(newCustomers: Sql): Sql {
  return sql`"spend" / NULLIF(CAST(${newCustomers} AS DOUBLE), 0) AS "cac"`;
}
