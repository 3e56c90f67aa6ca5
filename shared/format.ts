/**
 * The one place numbers become text for people: currency, percentages, counts and
 * durations, with thousands separators. Every screen and export label goes through here.
 */
export type Unit = 'currency' | 'percent' | 'count' | 'ratio' | 'decimal';

const LOCALE = 'en-US';

const formatters = {
  currency: new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'USD', maximumFractionDigits: 2, minimumFractionDigits: 2 }),
  currencyCompact: new Intl.NumberFormat(LOCALE, {
    style: 'currency',
    currency: 'USD',
    notation: 'compact',
    maximumFractionDigits: 1,
    minimumFractionDigits: 0,
  }),
  currencyWhole: new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'USD', maximumFractionDigits: 2, minimumFractionDigits: 0 }),
  count: new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 }),
  countCompact: new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumFractionDigits: 1 }),
  decimal: new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 }),
  precise: new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 4 }),
  percent: new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 2 }),
  signedPercent: new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }),
};

/** Missing values (null, NaN, ±Infinity from a 0 denominator) print as an em dash. */
export const EMPTY = '—';

function usable(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function formatCurrency(value: number | null | undefined, opts: { compact?: boolean } = {}): string {
  if (!usable(value)) return EMPTY;
  if (!opts.compact) return formatters.currency.format(value);
  // Compact (axes, tiles): one style at every size, "$800", "$8K", "$1.2M", never "$8,000.00" beside "$10K".
  if (Math.abs(value) >= 1_000) return formatters.currencyCompact.format(value);
  // Below that, whole dollars stay whole ("$800" on an axis) and cents take two digits: a CPC
  // reads "$0.90", never "$0.9".
  return (Number.isInteger(Math.round(value * 100) / 100) ? formatters.currencyWhole : formatters.currency).format(value);
}

export function formatCount(value: number | null | undefined, opts: { compact?: boolean } = {}): string {
  if (!usable(value)) return EMPTY;
  return (opts.compact && Math.abs(value) >= 10_000 ? formatters.countCompact : formatters.count).format(value);
}

/** `value` is a fraction: 0.061 prints as 6.1%. */
export function formatPercent(value: number | null | undefined): string {
  return usable(value) ? formatters.percent.format(value) : EMPTY;
}

/** A change as a signed percentage: 0.098 prints as +9.8%. */
export function formatSignedPercent(value: number | null | undefined): string {
  return usable(value) ? formatters.signedPercent.format(value) : EMPTY;
}

export function formatDecimal(value: number | null | undefined, precise = false): string {
  if (!usable(value)) return EMPTY;
  return (precise ? formatters.precise : formatters.decimal).format(value);
}

/** ROAS and similar multiples: 3.2 prints as 3.20x. */
export function formatRatio(value: number | null | undefined): string {
  return usable(value) ? `${value.toFixed(2)}x` : EMPTY;
}

export function formatByUnit(value: number | null | undefined, unit: Unit, opts: { compact?: boolean } = {}): string {
  switch (unit) {
    case 'currency':
      return formatCurrency(value, opts);
    case 'percent':
      return formatPercent(value);
    case 'count':
      return formatCount(value, opts);
    case 'ratio':
      return formatRatio(value);
    case 'decimal':
      return formatDecimal(value);
  }
}

export function formatBytes(bytes: number | null | undefined): string {
  if (!usable(bytes)) return EMPTY;
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** Time left or elapsed: 95 prints as "1 min 35 s". */
export function formatDuration(seconds: number | null | undefined): string {
  if (!usable(seconds) || seconds < 0) return EMPTY;
  if (seconds < 1) return '<1 s';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** "3 hours ago" style, from an ISO time and a reference now. */
export function formatAge(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return EMPTY;
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return EMPTY;
  const minutes = Math.round((now.getTime() - then) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return EMPTY;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return EMPTY;
  return date.toLocaleDateString(LOCALE, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/**
 * A p-value as readers expect it: "p = 0.03", "p = 0.004", "p < 0.001"; never scientific
 * notation. Two significant digits are enough to compare with a threshold.
 */
export function formatPValue(p: number | null | undefined): string {
  if (!usable(p)) return EMPTY;
  if (p < 0.001) return 'p < 0.001';
  if (p >= 0.995) return 'p = 1';
  const digits = p >= 0.01 ? 2 : 3;
  return `p = ${p.toFixed(digits)}`;
}

/** "1 day", "2 days", "1,204 customers"; `plural` where adding "s" is wrong ("1 person", "3 people"). */
export function pluralize(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatters.count.format(count)} ${count === 1 ? singular : plural}`;
}

/** "a" or "an" before a word, by its sound as spelled (good enough for product copy). */
export function article(word: string): 'a' | 'an' {
  // Numbers go by how they are read: "an 8% lift", "an 11-day window", "an 18", but "a 5%", "a 110".
  if (/^\d/.test(word)) return /^8|^1[18](?!\d)/.test(word) ? 'an' : 'a';
  return /^[aeiou]/i.test(word) && !/^(one|uni|use|eu)/i.test(word) ? 'an' : 'a';
}

/**
 * A number for a CSV or JSON export: full precision but without binary float noise
 * (55761.270000000004 is written 55761.27). 15 significant digits is what a double holds exactly.
 */
export function exportNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(15)));
}
