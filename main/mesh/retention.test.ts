import { describe, expect, it } from 'vitest';
import type { OdcsContract } from '../../shared/contracts/odcs';
import { DEFAULT_RETENTION_DAYS, retentionPeriod } from './retention';

function contract(retention?: { value: number | string; unit?: string }): OdcsContract {
  return {
    apiVersion: 'v3.0.2',
    kind: 'DataContract',
    id: 'c',
    version: '1.0.0',
    status: 'active',
    schema: [{ name: 't', properties: [{ name: 'id' }] }],
    slaProperties: [{ property: 'latency', value: 24, unit: 'h' }, ...(retention ? [{ property: 'retention', ...retention }] : [])],
  } as OdcsContract;
}

describe('the retention a contract states', () => {
  it('reads value and unit of the retention SLA property', () => {
    expect(retentionPeriod(contract({ value: 14, unit: 'd' }))).toEqual({ days: 14, fromContract: true });
    expect(retentionPeriod(contract({ value: 2, unit: 'weeks' }))).toEqual({ days: 14, fromContract: true });
    expect(retentionPeriod(contract({ value: 3, unit: 'y' }))).toEqual({ days: 1095, fromContract: true }); // 3 x 365
    expect(retentionPeriod(contract({ value: 36, unit: 'h' }))).toEqual({ days: 1.5, fromContract: true });
    expect(retentionPeriod(contract({ value: '10', unit: 'days' }))).toEqual({ days: 10, fromContract: true });
  });

  it('is 30 days when the contract states none, or a unit that is ambiguous or unknown', () => {
    expect(DEFAULT_RETENTION_DAYS).toBe(30);
    expect(retentionPeriod(contract())).toEqual({ days: 30, fromContract: false });
    expect(retentionPeriod(null)).toEqual({ days: 30, fromContract: false });
    expect(retentionPeriod(contract({ value: 6, unit: 'm' }))).toEqual({ days: 30, fromContract: false });
    expect(retentionPeriod(contract({ value: 'forever', unit: 'd' }))).toEqual({ days: 30, fromContract: false });
  });
});
