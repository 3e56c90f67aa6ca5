import { describe, expect, it } from 'vitest';
import { odcsContractSchema } from './odcs';
import { schemaMismatches } from './schema-check';

const contract = odcsContractSchema.parse({
  apiVersion: 'v3.1.0',
  kind: 'DataContract',
  id: 'c',
  version: '1.0.0',
  status: 'active',
  schema: [
    {
      name: 'conversions',
      properties: [
        { name: 'conversion_id', logicalType: 'string', physicalType: 'VARCHAR', primaryKey: true },
        { name: 'occurred_at', logicalType: 'timestamp', physicalType: 'TIMESTAMP' },
        { name: 'revenue', logicalType: 'number', physicalType: 'DOUBLE' },
      ],
    },
  ],
});

describe('schemaMismatches', () => {
  it('names each missing column and each column of another type', () => {
    const found = schemaMismatches(contract, [
      { name: 'conversion_id', type: 'VARCHAR' },
      { name: 'revenue', type: 'VARCHAR' },
    ]);
    expect(found.map((m) => m.message)).toEqual(['column occurred_at is missing', 'column revenue is VARCHAR, the contract says DOUBLE']);
  });

  it('accepts other spellings of the same type and extra columns', () => {
    const found = schemaMismatches(contract, [
      { name: 'conversion_id', type: 'string' },
      { name: 'occurred_at', type: 'timestamp' },
      { name: 'revenue', type: 'FLOAT8' },
      { name: 'currency', type: 'VARCHAR' },
    ]);
    expect(found).toEqual([]);
  });
});

describe('contracts from other meshes', () => {
  it('accepts columns without logicalType/physicalType (optional in ODCS v3) and only requires them present', () => {
    const contract = odcsContractSchema.parse({
      apiVersion: 'v3.0.2',
      kind: 'DataContract',
      id: 'other.customers',
      version: '1.0.0',
      status: 'active',
      schema: [{ name: 'customers', properties: [{ name: 'customer_id' }, { name: 'ltv', physicalType: 'DOUBLE' }] }],
    });
    expect(
      schemaMismatches(contract, [
        { name: 'customer_id', type: 'BIGINT' },
        { name: 'ltv', type: 'DOUBLE' },
      ]),
    ).toEqual([]);
    expect(schemaMismatches(contract, [{ name: 'ltv', type: 'DOUBLE' }]).map((m) => m.message)).toEqual(['column customer_id is missing']);
  });
});
