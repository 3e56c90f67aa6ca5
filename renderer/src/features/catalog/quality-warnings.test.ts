import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../../../shared/ipc/catalog-contract';
import { qualityWarningLines } from './quality-warnings';

function entry(id: string, name: string, warnings: number | null): CatalogEntry {
  return {
    id,
    name,
    domain: 'd',
    owner: 'o',
    description: '',
    version: 'v2',
    updated_at: '2026-11-01T00:00:00Z',
    freshness_sla_hours: 24,
    classification: 'internal',
    pseudonymised: false,
    freshness: 'fresh',
    cached: { version: 'v2', fetchedAt: '2026-11-01T00:00:00Z', rows: 1 },
    loaded: true,
    ...(warnings === null ? {} : { quality: { status: warnings > 0 ? 'warnings' : 'passed', failedErrors: 0, warnings, checked: 5 } }),
  } as CatalogEntry;
}

describe('qualityWarningLines', () => {
  it('names only the products the analysis reads that carry warnings', () => {
    const entries = [
      entry('customers', 'Customer 360', 2),
      entry('events', 'Events', 0),
      entry('conversions', 'Conversions', null),
      entry('touchpoints', 'Touchpoints', 1),
    ];
    expect(qualityWarningLines(entries, ['customers', 'events', 'conversions'])).toEqual([
      'Customer 360 v2 was installed with 2 quality warnings: check its product page before relying on these numbers.',
    ]);
    expect(qualityWarningLines(entries, ['touchpoints'])[0]).toContain('1 quality warning:');
    expect(qualityWarningLines(null, ['customers'])).toEqual([]);
  });
});
