import { describe, expect, it } from 'vitest';
import { changedColumnsUsed } from './product-governance';

describe('changedColumnsUsed', () => {
  const log = [
    {
      version: 'r3',
      fetchedAt: '2026-11-02T00:00:00Z',
      fromVersion: '1.0.0',
      toVersion: '2.0.0',
      changes: [
        { kind: 'column_removed' as const, subject: 'phone', before: 'VARCHAR', after: null, text: 'Column phone was removed' },
        { kind: 'column_retyped' as const, subject: 'ltv', before: 'DOUBLE', after: 'VARCHAR', text: '' },
        { kind: 'column_added' as const, subject: 'segment', before: null, after: 'VARCHAR', text: '' },
        { kind: 'pii_changed' as const, subject: 'email', before: 'PII', after: 'not PII', text: '' },
      ],
    },
  ];
  it('flags a spec that mentions a removed or retyped column, not an added or re-tagged one', () => {
    const spec = {
      kind: 'segment',
      rule: {
        all: [
          { column: 'ltv', op: '>', value: 10 },
          { column: 'email', op: 'is_not_null' },
          { column: 'segment', op: '=', value: 'x' },
        ],
      },
    };
    expect(changedColumnsUsed(spec, log)).toEqual(['ltv']);
    expect(changedColumnsUsed({ kind: 'segment', rule: { column: 'country', op: '=', value: 'phone' } }, log)).toEqual(['phone']);
    expect(changedColumnsUsed({ kind: 'attribution' }, log)).toEqual([]);
    expect(changedColumnsUsed({ column: 'ltv' }, [])).toEqual([]);
  });
});
