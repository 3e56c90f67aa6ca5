import { describe, expect, it } from 'vitest';
import { MeshError } from '../mesh-error';
import { mappingProblems, outputColumns, parseColumnMapping } from './core-mapping';
import { dateRangeHints, filesInRange } from './date-range';
import { assertNotExpired, parseProfile, ProfileError } from './profile';
import { sparkSchemaColumns } from './spark-schema';

const profile = {
  shareCredentialsVersion: 1,
  endpoint: 'https://sharing.example.com/delta-sharing/',
  bearerToken: 'secret-token-123',
  expirationTime: '2021-11-12T00:12:29.0Z',
};

describe('profile file', () => {
  it('reads the protocol example and refuses unknown fields, other versions and bad endpoints without quoting the token', () => {
    expect(parseProfile(JSON.stringify(profile))).toEqual(profile);
    const { expirationTime: _, ...noExpiry } = profile;
    expect(parseProfile(JSON.stringify(noExpiry)).expirationTime).toBeUndefined();
    for (const bad of [
      { ...profile, extra: true },
      { ...profile, endpoint: 'ftp://x' },
      { ...profile, bearerToken: '' },
      { ...profile, expirationTime: 'tomorrow' },
    ]) {
      const error = (() => {
        try {
          parseProfile(JSON.stringify(bad));
        } catch (e) {
          return e as ProfileError;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(ProfileError);
      expect(error?.message).not.toContain('secret-token-123');
    }
    expect(() => parseProfile(JSON.stringify({ ...profile, shareCredentialsVersion: 2 }))).toThrow(/Upgrade Meshwork/);
    expect(() => parseProfile('not json')).toThrow(ProfileError);
  });

  it('treats a token as expired from its expirationTime on', () => {
    const at = Date.parse(profile.expirationTime);
    expect(() => assertNotExpired(profile, at - 1)).not.toThrow();
    expect(() => assertNotExpired(profile, at)).toThrow(MeshError);
  });
});

describe('Spark schema', () => {
  it('maps primitive, decimal and nested types to DuckDB types', () => {
    const schema = {
      type: 'struct',
      fields: [
        { name: 'a', type: 'integer', nullable: false, metadata: {} },
        { name: 'b', type: { type: 'struct', fields: [{ name: 'd', type: 'integer', nullable: false, metadata: {} }] }, nullable: true, metadata: {} },
        { name: 'c', type: { type: 'array', elementType: 'integer', containsNull: false }, nullable: true, metadata: {} },
        { name: 'f', type: { type: 'map', keyType: 'string', valueType: 'string', valueContainsNull: true }, nullable: true, metadata: {} },
        { name: 'g', type: 'decimal(10,2)', nullable: true, metadata: {} },
        { name: 'eventTime', type: 'timestamp', nullable: true, metadata: {} },
        { name: 'date', type: 'date', nullable: true, metadata: {} },
      ],
    };
    expect(sparkSchemaColumns(JSON.stringify(schema)).map((c) => [c.name, c.type, c.nullable])).toEqual([
      ['a', 'INTEGER', false],
      ['b', 'STRUCT("d" INTEGER)', true],
      ['c', 'INTEGER[]', true],
      ['f', 'MAP(VARCHAR, VARCHAR)', true],
      ['g', 'DECIMAL(10,2)', true],
      ['eventTime', 'TIMESTAMP', true],
      ['date', 'DATE', true],
    ]);
    expect(() => sparkSchemaColumns('{"type":"struct","fields":[{"name":"x","type":"interval"}]}')).toThrow(/unknown type/);
    expect(() => sparkSchemaColumns('[]')).toThrow(/not a struct/);
  });
});

describe('mapping onto a core product', () => {
  const columns = sparkSchemaColumns(
    JSON.stringify({
      type: 'struct',
      fields: ['conversion_id', 'customer_id', 'conversion_type']
        .map((name) => ({ name, type: 'string', nullable: true, metadata: {} }))
        .concat([
          { name: 'occurred_at', type: 'timestamp', nullable: true, metadata: {} },
          { name: 'order_value', type: 'double', nullable: true, metadata: {} },
        ]),
    }),
  );

  it('renames by column name and then checks pinned columns and types like a contract', () => {
    const plain = outputColumns(columns, {});
    if (typeof plain === 'string') throw new Error(plain);
    expect(
      mappingProblems(
        'conversions',
        plain.map((c) => ({ name: c.name, type: c.source.type })),
        's.s.t',
      ).map((p) => p.message),
    ).toEqual(['column revenue is missing']);
    const mapped = outputColumns(columns, { revenue: 'order_value' });
    if (typeof mapped === 'string') throw new Error(mapped);
    expect(mapped.map((c) => c.name)).toEqual(['conversion_id', 'customer_id', 'conversion_type', 'occurred_at', 'revenue']);
    expect(
      mappingProblems(
        'conversions',
        mapped.map((c) => ({ name: c.name, type: c.source.type })),
        's.s.t',
      ),
    ).toEqual([]);
    // A wrong type is named too (conversion_type as revenue is VARCHAR), and the column it took is then missing.
    const wrong = outputColumns(columns, { revenue: 'conversion_type' });
    if (typeof wrong === 'string') throw new Error(wrong);
    expect(
      mappingProblems(
        'conversions',
        wrong.map((c) => ({ name: c.name, type: c.source.type })),
        's.s.t',
      ).map((p) => p.message),
    ).toEqual(['column conversion_type is missing', 'column revenue is VARCHAR, the contract says DOUBLE']);
  });

  it('refuses mappings that name unknown columns, map one column twice or collide', () => {
    expect(outputColumns(columns, { revenue: 'nope' })).toMatch(/no column nope/);
    expect(outputColumns(columns, { revenue: 'order_value', ltv: 'order_value' })).toMatch(/mapped to both/);
    expect(outputColumns(columns, { customer_id: 'conversion_id' })).toMatch(/two columns would be called customer_id/);
    expect(parseColumnMapping('revenue=order_value, channel=src')).toEqual({ revenue: 'order_value', channel: 'src' });
    expect(parseColumnMapping('revenue')).toMatch(/not core_column=shared_column/);
    expect(parseColumnMapping('a=b,a=c')).toMatch(/mapped twice/);
  });
});

describe('date range', () => {
  it('sends both hint kinds and keeps only files inside the inclusive range, never a null partition', () => {
    const hints = dateRangeHints('date', { from: '2026-06-01', to: '2026-06-30' });
    expect(hints.predicateHints).toEqual(["date >= '2026-06-01'", "date <= '2026-06-30'"]);
    expect(JSON.parse(hints.jsonPredicateHints!)).toEqual({
      op: 'and',
      children: [
        {
          op: 'greaterThanOrEqual',
          children: [
            { op: 'column', name: 'date', valueType: 'date' },
            { op: 'literal', value: '2026-06-01', valueType: 'date' },
          ],
        },
        {
          op: 'lessThanOrEqual',
          children: [
            { op: 'column', name: 'date', valueType: 'date' },
            { op: 'literal', value: '2026-06-30', valueType: 'date' },
          ],
        },
      ],
    });
    expect(JSON.parse(dateRangeHints('date', { to: '2026-06-30' }).jsonPredicateHints!).op).toBe('lessThanOrEqual');
    expect(dateRangeHints('date', {})).toEqual({});
    const file = (date: string | null) => ({ url: 'u', id: String(date), size: 1, partitionValues: { date } });
    const kept = filesInRange([file('2026-05-31'), file('2026-06-01'), file('2026-06-30'), file('2026-07-01'), file(''), file(null)], 'date', {
      from: '2026-06-01',
      to: '2026-06-30',
    });
    expect(kept.map((f) => f.id)).toEqual(['2026-06-01', '2026-06-30']);
  });
});
