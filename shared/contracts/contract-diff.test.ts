import { describe, expect, it } from 'vitest';
import { breakingColumns, diffContracts, specMentionsColumn } from './contract-diff';
import { odcsContractSchema, type OdcsContract } from './odcs';

function contract(version: string, properties: unknown[], sla: unknown[] = [{ property: 'latency', value: 24, unit: 'h' }]): OdcsContract {
  return odcsContractSchema.parse({
    apiVersion: 'v3.1.0',
    kind: 'DataContract',
    id: 'c',
    version,
    status: 'active',
    schema: [{ name: 't', properties }],
    slaProperties: sla,
  });
}

const v1 = contract('1.0.0', [
  { name: 'customer_id', physicalType: 'VARCHAR' },
  { name: 'email', physicalType: 'VARCHAR', tags: ['pii'] },
  { name: 'phone', physicalType: 'VARCHAR', tags: ['pii'] },
  { name: 'ltv', physicalType: 'DOUBLE' },
  { name: 'consent_email', physicalType: 'BOOLEAN', customProperties: [{ property: 'consentPurpose', value: 'email' }] },
  { name: 'consent_ads', physicalType: 'BOOLEAN', customProperties: [{ property: 'consentPurpose', value: 'ads' }] },
]);

describe('diffContracts', () => {
  it('is empty for the same contract, and for equivalent type spellings', () => {
    expect(diffContracts(v1, v1).changes).toEqual([]);
    const spelled = contract('1.0.1', [
      { name: 'customer_id', physicalType: 'string' },
      { name: 'email', physicalType: 'VARCHAR', tags: ['pii'] },
      { name: 'phone', physicalType: 'VARCHAR', customProperties: [{ property: 'pii', value: true }] },
      { name: 'ltv', physicalType: 'FLOAT64' },
      { name: 'consent_email', physicalType: 'BOOL', customProperties: [{ property: 'consentPurpose', value: 'email' }] },
      { name: 'consent_ads', physicalType: 'BOOLEAN', customProperties: [{ property: 'consentPurpose', value: 'ads' }] },
    ]);
    expect(diffContracts(v1, spelled)).toEqual({ fromVersion: '1.0.0', toVersion: '1.0.1', changes: [] });
  });

  it('names added, removed and retyped columns, PII, consent and SLA changes', () => {
    const v2 = contract(
      '2.0.0',
      [
        { name: 'customer_id', physicalType: 'BIGINT' },
        { name: 'email', physicalType: 'VARCHAR' },
        { name: 'ltv', physicalType: 'DOUBLE' },
        { name: 'consent_email', physicalType: 'BOOLEAN', customProperties: [{ property: 'consentPurpose', value: 'ads' }] },
        { name: 'consent_ads', physicalType: 'BOOLEAN' },
        { name: 'segment', physicalType: 'VARCHAR' },
      ],
      [
        { property: 'latency', value: 48, unit: 'h' },
        { property: 'retention', value: 3, unit: 'y' },
      ],
    );
    const diff = diffContracts(v1, v2);
    expect(diff.changes.map((c) => [c.kind, c.subject, c.before, c.after])).toEqual([
      ['column_retyped', 'customer_id', 'VARCHAR', 'BIGINT'],
      ['pii_changed', 'email', 'PII', 'not PII'],
      ['consent_changed', 'consent_email', 'email', 'ads'],
      ['consent_changed', 'consent_ads', 'ads', null],
      ['column_added', 'segment', null, 'VARCHAR'],
      ['column_removed', 'phone', 'VARCHAR', null],
      ['sla_changed', 'latency', '24 h', '48 h'],
      ['sla_changed', 'retention', null, '3 y'],
    ]);
    expect(diff.changes.map((c) => c.text)).toContain('Column phone was removed');
    expect(diff.changes.map((c) => c.text)).toContain('SLA latency changed from 24 h to 48 h');
    expect(breakingColumns(diff.changes)).toEqual(['customer_id', 'phone']);
  });

  it('sees a column becoming pseudonymised', () => {
    const v2 = contract('1.1.0', [
      { name: 'customer_id', physicalType: 'VARCHAR' },
      { name: 'email', physicalType: 'VARCHAR', tags: ['pii'], customProperties: [{ property: 'pseudonymised', value: 'email_sha256' }] },
      { name: 'phone', physicalType: 'VARCHAR', tags: ['pii'] },
      { name: 'ltv', physicalType: 'DOUBLE' },
      { name: 'consent_email', physicalType: 'BOOLEAN', customProperties: [{ property: 'consentPurpose', value: 'email' }] },
      { name: 'consent_ads', physicalType: 'BOOLEAN', customProperties: [{ property: 'consentPurpose', value: 'ads' }] },
    ]);
    expect(diffContracts(v1, v2).changes).toMatchObject([{ kind: 'pii_changed', subject: 'email', before: 'PII', after: 'pseudonymised (email_sha256)' }]);
  });
});

describe('specMentionsColumn', () => {
  it('matches names as values or keys, never as substrings', () => {
    const spec = {
      kind: 'segment',
      rule: {
        all: [
          { column: 'phone', op: 'is_not_null' },
          { column: 'ltv', op: '>', value: 'phone_number' },
        ],
      },
    };
    expect(specMentionsColumn(spec, 'phone')).toBe(true);
    expect(specMentionsColumn(spec, 'ph')).toBe(false);
    expect(specMentionsColumn({ breakdown: { country: 1 } }, 'country')).toBe(true);
    expect(specMentionsColumn(null, 'x')).toBe(false);
  });
});
