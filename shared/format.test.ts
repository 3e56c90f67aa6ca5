import { describe, expect, it } from 'vitest';
import {
  EMPTY,
  formatAge,
  formatBytes,
  formatByUnit,
  formatCount,
  formatCurrency,
  formatDuration,
  formatPercent,
  formatRatio,
  formatSignedPercent,
} from './format';

describe('number formatting', () => {
  it('formats money, counts and shares for people', () => {
    expect(formatCurrency(1234567.891)).toBe('$1,234,567.89');
    expect(formatCurrency(1234567.891, { compact: true })).toBe('$1.2M');
    // Compact money keeps one style along an axis: no "$8,000.00" beside "$10K".
    expect(formatCurrency(8000, { compact: true })).toBe('$8K');
    expect(formatCurrency(10000, { compact: true })).toBe('$10K');
    expect(formatCurrency(500, { compact: true })).toBe('$500');
    // Cents always take two digits, whole dollars none.
    expect(formatCurrency(12.5, { compact: true })).toBe('$12.50');
    expect(formatCurrency(0.9, { compact: true })).toBe('$0.90');
    expect(formatCurrency(799.999, { compact: true })).toBe('$800');
    expect(formatCurrency(-338.25, { compact: true })).toBe('-$338.25');
    expect(formatCount(25000000)).toBe('25,000,000');
    expect(formatPercent(0.061)).toBe('6.1%');
    expect(formatSignedPercent(0.098)).toBe('+9.8%');
    expect(formatSignedPercent(-0.0351)).toBe('-3.5%');
    expect(formatRatio(3.2)).toBe('3.20x');
    expect(formatByUnit(0.25, 'percent')).toBe('25%');
  });

  it('prints a dash where a ratio has no denominator', () => {
    expect(formatPercent(NaN)).toBe(EMPTY);
    expect(formatCurrency(Infinity)).toBe(EMPTY);
    expect(formatCount(null)).toBe(EMPTY);
  });

  it('formats sizes and durations for progress bars', () => {
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(12 * 1024 * 1024)).toBe('12.0 MB');
    expect(formatDuration(95)).toBe('1 min 35 s');
    expect(formatDuration(0.2)).toBe('<1 s');
    expect(formatAge('2026-11-24T00:00:00Z', new Date('2026-11-24T03:00:00Z'))).toBe('3 h ago');
  });
});

describe('words around numbers', () => {
  it('prints p-values as readers expect, never in scientific notation', async () => {
    const { formatPValue } = await import('./format');
    expect(formatPValue(0.0312)).toBe('p = 0.03');
    expect(formatPValue(0.0042)).toBe('p = 0.004');
    expect(formatPValue(0.00049)).toBe('p < 0.001');
    expect(formatPValue(0)).toBe('p < 0.001');
    expect(formatPValue(0.5)).toBe('p = 0.50');
    expect(formatPValue(0.999)).toBe('p = 1');
    // At the threshold itself: printed, not "< 0.001"; and never 0.00e+0 or 1e-7.
    expect(formatPValue(0.001)).toBe('p = 0.001');
    expect(formatPValue(1e-7)).toBe('p < 0.001');
    expect(formatPValue(Number.NaN)).toBe(EMPTY);
    expect(formatPValue(null)).toBe(EMPTY);
  });

  it('uses the singular for one and separators for thousands', async () => {
    const { pluralize, article } = await import('./format');
    expect(pluralize(1, 'day')).toBe('1 day');
    expect(pluralize(0, 'day')).toBe('0 days');
    expect(pluralize(524778, 'row')).toBe('524,778 rows');
    expect(pluralize(1, 'customer')).toBe('1 customer');
    expect(pluralize(2, 'customer')).toBe('2 customers');
    expect(pluralize(1_204, 'customer')).toBe('1,204 customers');
    expect(pluralize(1, 'person', 'people')).toBe('1 person');
    expect(pluralize(3, 'person', 'people')).toBe('3 people');
    expect(article('experiment')).toBe('an');
    expect(article('holdout')).toBe('a');
    expect(article('user')).toBe('a');
    expect(article('audience')).toBe('an');
    expect([article('8%'), article('80%'), article('11%'), article('18.5%'), article('5%'), article('1%'), article('110%'), article('2')]).toEqual([
      'an',
      'an',
      'an',
      'an',
      'a',
      'a',
      'a',
      'a',
    ]);
    expect(article('Experiment')).toBe('an');
  });

  it('writes export numbers without float noise', async () => {
    const { exportNumber } = await import('./format');
    expect(exportNumber(55761.270000000004)).toBe('55761.27');
    expect(exportNumber(0.1 + 0.2)).toBe('0.3');
    expect(exportNumber(12)).toBe('12');
    expect(exportNumber(1234567.891)).toBe('1234567.891');
    expect(exportNumber(NaN)).toBe('');
    expect(exportNumber(-1234.5600000000002)).toBe('-1234.56');
    expect(exportNumber(Infinity)).toBe('');
  });
});
