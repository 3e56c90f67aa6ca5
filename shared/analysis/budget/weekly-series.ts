/**
 * Turns the per-channel ISO-week sums into aligned weekly series: every week from the one
 * holding the data's first day to the one holding its last day, zero where a channel has no
 * rows, and which of those weeks are complete.
 *
 * A week is complete when all seven of its days lie inside the data's span [first day, last
 * day]. Weekly-grain data (one date per ISO week over two or more weeks, e.g. every row dated on
 * its Monday) has no partial weeks: every week it covers is complete.
 */
export interface WeeklyRow {
  channel: string;
  week: string;
  spend: number;
  metric: number;
}

export interface DataSpan {
  first_day: string | null;
  last_day: string | null;
  days: number;
  weeks: number;
}

export interface WeeklySeries {
  /** Monday of every week, oldest first */
  weeks: string[];
  complete: boolean[];
  /** per channel, spend and metric aligned with `weeks` */
  channels: Map<string, { spend: number[]; metric: number[] }>;
}

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the ISO week holding `day` (day 0, 1970-01-01, was a Thursday). */
function mondayOf(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}

export function weeklySeries(rows: readonly WeeklyRow[], span: DataSpan): WeeklySeries {
  const out: WeeklySeries = { weeks: [], complete: [], channels: new Map() };
  if (span.first_day === null || span.last_day === null) return out;
  const first = dayNumber(span.first_day);
  const last = dayNumber(span.last_day);
  const weeklyGrain = span.weeks >= 2 && span.days === span.weeks;
  const index = new Map<string, number>();
  for (let monday = mondayOf(first); monday <= last; monday += 7) {
    index.set(isoDate(monday), out.weeks.length);
    out.weeks.push(isoDate(monday));
    out.complete.push(weeklyGrain || (monday >= first && monday + 6 <= last));
  }
  for (const row of rows) {
    const i = index.get(row.week);
    if (i === undefined) continue;
    let series = out.channels.get(row.channel);
    if (!series) {
      series = { spend: out.weeks.map(() => 0), metric: out.weeks.map(() => 0) };
      out.channels.set(row.channel, series);
    }
    series.spend[i] = (series.spend[i] ?? 0) + (Number.isFinite(row.spend) ? row.spend : 0);
    series.metric[i] = (series.metric[i] ?? 0) + (Number.isFinite(row.metric) ? row.metric : 0);
  }
  return out;
}
