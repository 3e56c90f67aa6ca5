import { describe, expect, it } from 'vitest';
import type { RuleNode } from '../../../../shared/specs/segment-rule';
import { fieldErrorFor } from './field-errors';

const rule: RuleNode = {
  all: [
    { attribute: 'country', op: 'in', value: ['US'] },
    {
      any: [
        { event: 'add_to_cart', min_count: 1, within_days: 0 },
        { attribute: 'ltv', op: 'between', value: [1, 'x'] },
      ],
    },
    { not: { conversion: 'purchase', min_count: 1, within_days: 30 } },
    { attribute: 'email', op: 'starts_with', value: 'a' },
  ],
};

describe('placing engine errors on the builder field they concern', () => {
  it('maps a nested window error to its condition and the days field, in plain words', () => {
    expect(
      fieldErrorFor(rule, { code: 'invalid_spec', message: 'rule.all[1].any[0].within_days must be >= 0', path: 'rule.all[1].any[0].within_days' }),
    ).toEqual({
      node: [1, 0],
      field: 'days',
      message: 'Use a whole number of days from 1 to 3,650.',
    });
  });

  it('tells the ends of a range and list values apart', () => {
    const hi = fieldErrorFor(rule, {
      code: 'invalid_spec',
      message: 'rule.all[1].any[1].value[1] must be a number because customers.ltv is DOUBLE, not "x"',
      path: 'rule.all[1].any[1].value[1]',
    });
    expect(hi).toEqual({ node: [1, 1], field: 'hi', message: 'Enter a number.' });
    expect(fieldErrorFor(rule, { code: 'invalid_spec', message: 'rule.all[0].value[0] must be a string', path: 'rule.all[0].value[0]' })).toMatchObject({
      node: [0],
      field: 'values',
    });
  });

  it('walks through NOT, and says why a PII filter is refused without internal names', () => {
    expect(fieldErrorFor(rule, { code: 'invalid_spec', message: 'rule.all[2].not.conversion must not be empty', path: 'rule.all[2].not.conversion' })).toEqual({
      node: [2, 0],
      field: 'name',
      message: 'Pick a conversion type.',
    });
    const pii = fieldErrorFor(rule, {
      code: 'pii_not_permitted',
      message: 'rule.all[3].attribute "email" is personal data (PII in the customers contract)',
      path: 'rule.all[3].attribute',
    });
    expect(pii).toEqual({ node: [3], field: 'attribute', message: 'Your role cannot filter on personal data; pick another property.' });
    expect(pii?.message).not.toMatch(/rule\.|all\[/);
  });

  it('puts a whole-node error on the condition and leaves paths outside the rule alone', () => {
    const whole = fieldErrorFor(rule, { code: 'invalid_spec', message: 'rule.all[0] must have only one of attribute, event', path: 'rule.all[0]' });
    expect(whole).toEqual({ node: [0], field: null, message: 'Must have only one of attribute, event.' });
    expect(fieldErrorFor(rule, { code: 'invalid_spec', message: 'as_of must be an ISO-8601 timestamp', path: 'as_of' })).toBeNull();
    expect(fieldErrorFor(rule, { code: 'missing_data', message: 'Pull customers first' })).toBeNull();
  });
});
