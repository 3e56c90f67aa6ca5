/**
 * What the trend chart draws, from the engine's buckets: labels in words, which points are
 * partial buckets (drawn hollow and named as partial in the tooltip, so the short last week of a
 * range does not read as a fall), and the chart kind: a single bucket is a bar, because a line
 * through one point draws nothing.
 */
import { formatDate, pluralize } from '../../../../shared/format';

export type Granularity = 'date' | 'week' | 'month';

export interface TrendPoint {
  period: string;
  value: number | null;
  days: number;
  partial: boolean;
}

export interface TrendModel {
  kind: 'line' | 'bar';
  /** Axis labels, one per bucket. */
  labels: string[];
  /** Tooltip titles: "Week from Jun 17, 2026 (partial: 3 of 7 days)". */
  titles: string[];
  values: (number | null)[];
  partial: boolean[];
  /** A note under the chart when some bucket is partial, else null. */
  note: string | null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthLabel(period: string): string {
  const [year, month] = period.split('-');
  return `${MONTHS[Number(month) - 1] ?? month} ${year}`;
}

function fullDays(granularity: Granularity, period: string): number {
  if (granularity === 'date') return 1;
  if (granularity === 'week') return 7;
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function trendModel(points: readonly TrendPoint[], granularity: Granularity): TrendModel {
  const labels = points.map((p) => (granularity === 'month' ? monthLabel(p.period) : formatDate(p.period)));
  const titles = points.map((p, i) => {
    const base = granularity === 'week' ? `Week from ${labels[i]}` : granularity === 'month' ? labels[i]! : labels[i]!;
    return p.partial ? `${base} (partial: ${p.days} of ${pluralize(fullDays(granularity, p.period), 'day')})` : base;
  });
  const partialCount = points.filter((p) => p.partial).length;
  const unit = granularity === 'week' ? 'week' : 'month';
  return {
    kind: points.length === 1 ? 'bar' : 'line',
    labels,
    titles,
    values: points.map((p) => p.value),
    partial: points.map((p) => p.partial),
    note:
      partialCount === 0 || granularity === 'date'
        ? null
        : `Hollow points are partial ${unit}s: the date range covers only some of their days, so their totals are lower than a whole ${unit}'s.`,
  };
}
