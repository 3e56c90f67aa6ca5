/**
 * The governed marketing metrics: one definition each, used by the Campaign Performance 360
 * dashboard and the CLI alike. Every metric is a sum or a ratio of sums over
 * `campaign_performance` rows (never a mean of per-row ratios, which would weight a 10-click
 * ad like a 10,000-click one). A ratio whose denominator sums to 0 is NULL (no value), not 0.
 *
 * Percent metrics are fractions (0.0123 means 1.23 %); formatting multiplies by 100.
 */
export const MEASURES = ['spend', 'impressions', 'clicks', 'conversions', 'revenue', 'new_customers'] as const;
export type Measure = (typeof MEASURES)[number];

export const METRIC_IDS = ['spend', 'impressions', 'clicks', 'conversions', 'revenue', 'ctr', 'cpc', 'cpm', 'cpa', 'cvr', 'roas', 'aov', 'cac'] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export type MetricUnit = 'currency' | 'percent' | 'count' | 'ratio';

export interface MetricDefinition {
  id: MetricId;
  label: string;
  /** The formula in words, shown in the metric's tooltip. */
  description: string;
  unit: MetricUnit;
  numerator: Measure;
  /** Absent for additive metrics. */
  denominator?: Measure;
  /** Multiplier applied to the ratio (1000 for CPM). */
  scale: number;
  /**
   * Whether up is good, for colouring changes; null where neither way is good in itself (spend:
   * a fall is not a win and a rise is not a loss, so its change is shown without colour).
   */
  higherIsBetter: boolean | null;
}

const def = (d: Omit<MetricDefinition, 'scale'> & { scale?: number }): MetricDefinition => ({ scale: 1, ...d });

export const METRICS: Record<MetricId, MetricDefinition> = {
  spend: def({ id: 'spend', label: 'Spend', description: 'Sum of media spend.', unit: 'currency', numerator: 'spend', higherIsBetter: null }),
  impressions: def({
    id: 'impressions',
    label: 'Impressions',
    description: 'Sum of ad impressions.',
    unit: 'count',
    numerator: 'impressions',
    higherIsBetter: true,
  }),
  clicks: def({ id: 'clicks', label: 'Clicks', description: 'Sum of ad clicks.', unit: 'count', numerator: 'clicks', higherIsBetter: true }),
  conversions: def({
    id: 'conversions',
    label: 'Conversions',
    description: 'Sum of platform-reported conversions.',
    unit: 'count',
    numerator: 'conversions',
    higherIsBetter: true,
  }),
  revenue: def({
    id: 'revenue',
    label: 'Revenue',
    description: 'Sum of platform-reported conversion revenue.',
    unit: 'currency',
    numerator: 'revenue',
    higherIsBetter: true,
  }),
  ctr: def({
    id: 'ctr',
    label: 'CTR',
    description: 'Click-through rate: sum(clicks) / sum(impressions).',
    unit: 'percent',
    numerator: 'clicks',
    denominator: 'impressions',
    higherIsBetter: true,
  }),
  cpc: def({
    id: 'cpc',
    label: 'CPC',
    description: 'Cost per click: sum(spend) / sum(clicks).',
    unit: 'currency',
    numerator: 'spend',
    denominator: 'clicks',
    higherIsBetter: false,
  }),
  cpm: def({
    id: 'cpm',
    label: 'CPM',
    description: 'Cost per thousand impressions: 1000 * sum(spend) / sum(impressions).',
    unit: 'currency',
    numerator: 'spend',
    denominator: 'impressions',
    scale: 1000,
    higherIsBetter: false,
  }),
  cpa: def({
    id: 'cpa',
    label: 'CPA',
    description: 'Cost per acquisition: spend divided by every platform-reported conversion (repeat purchases included): sum(spend) / sum(conversions).',
    unit: 'currency',
    numerator: 'spend',
    denominator: 'conversions',
    higherIsBetter: false,
  }),
  cvr: def({
    id: 'cvr',
    label: 'CVR',
    description: 'Conversion rate: sum(conversions) / sum(clicks).',
    unit: 'percent',
    numerator: 'conversions',
    denominator: 'clicks',
    higherIsBetter: true,
  }),
  roas: def({
    id: 'roas',
    label: 'ROAS',
    description: 'Return on ad spend: sum(revenue) / sum(spend).',
    unit: 'ratio',
    numerator: 'revenue',
    denominator: 'spend',
    higherIsBetter: true,
  }),
  aov: def({
    id: 'aov',
    label: 'AOV',
    description: 'Average order value: sum(revenue) / sum(conversions).',
    unit: 'currency',
    numerator: 'revenue',
    denominator: 'conversions',
    higherIsBetter: true,
  }),
  cac: def({
    id: 'cac',
    label: 'CAC',
    description:
      'Customer acquisition cost: spend divided by new customers, counting each customer once, at their first-ever purchase in these dates (CPA divides by every conversion, repeat purchases included). A new customer counts for the campaign of their last campaign touch in the 30 days before that purchase.',
    unit: 'currency',
    numerator: 'spend',
    denominator: 'new_customers',
    higherIsBetter: false,
  }),
};

/**
 * The SQL column a measure reads, or null where the extract lacks it: `new_customers` is not in
 * Campaign Performance 360's contract, and conversions are not a stand-in (they count repeat
 * purchases, so CAC would silently equal CPA). The dashboard derives new customers from
 * Conversions and Touchpoints instead (shared/analysis/campaigns/new-customers-sql.ts).
 */
export function measureColumn(measure: Measure, availableColumns?: ReadonlySet<string>): string | null {
  if (measure === 'new_customers' && availableColumns && !availableColumns.has('new_customers')) return null;
  return measure;
}

/** One aggregate expression per metric, aliased by metric id (identifiers come only from METRICS). */
export function metricExpression(id: MetricId, availableColumns?: ReadonlySet<string>): string {
  const m = METRICS[id];
  const numColumn = measureColumn(m.numerator, availableColumns);
  const denColumn = m.denominator ? measureColumn(m.denominator, availableColumns) : undefined;
  if (numColumn === null || denColumn === null) return `CAST(NULL AS DOUBLE) AS "${id}"`;
  const num = `sum(CAST("${numColumn}" AS DOUBLE))`;
  if (!denColumn) return `COALESCE(${num}, 0) AS "${id}"`;
  const den = `sum(CAST("${denColumn}" AS DOUBLE))`;
  const ratio = `${num} / NULLIF(${den}, 0)`;
  return `${m.scale === 1 ? ratio : `${m.scale} * ${ratio}`} AS "${id}"`;
}

export function metricSelectList(ids: readonly MetricId[], availableColumns?: ReadonlySet<string>): string {
  return ids.map((id) => metricExpression(id, availableColumns)).join(', ');
}

/** How a change of a metric reads: good, bad, or neither (no colour). */
export function changeTone(metric: MetricDefinition, change: number | null): 'good' | 'bad' | 'neutral' {
  if (change === null || change === 0 || !Number.isFinite(change) || metric.higherIsBetter === null) return 'neutral';
  return change > 0 === metric.higherIsBetter ? 'good' : 'bad';
}
