import { describe, expect, it } from 'vitest';
import { parseRule } from '../../../../shared/specs/segment-rule';
import { describeRule } from './describe-rule';

describe('describeRule', () => {
  it('reads the issue example as one sentence', () => {
    const rule = parseRule({
      all: [
        { attribute: 'lifecycle_stage', op: '=', value: 'customer' },
        { attribute: 'ltv', op: '>', value: 500 },
        { conversion: 'purchase', min_count: 2, within_days: 90 },
      ],
    });
    expect(describeRule(rule)).toBe('lifecycle stage is customer AND lifetime value above $500 AND did purchase at least 2 times in the last 90 days');
  });

  it('parenthesises nested groups and negations so AND/OR cannot be misread', () => {
    const rule = parseRule({
      all: [
        { attribute: 'country', op: 'in', value: ['US', 'CA'] },
        {
          any: [
            { attribute: 'ltv', op: '>=', value: 1500.5 },
            { event: 'add_to_cart', min_count: 2, within_days: 30 },
          ],
        },
        { not: { conversion: 'purchase', within_days: 1 } },
        { consent: 'ads' },
      ],
    });
    expect(describeRule(rule)).toBe(
      'country is US or CA AND (lifetime value at least $1,500.5 OR did add to cart at least 2 times in the last 30 days) AND NOT did purchase at least once in the last day AND consented to ads',
    );
  });

  it('says what empty groups mean (SPEC: empty all is everyone, empty any is no one)', () => {
    expect(describeRule({ all: [] })).toBe('everyone');
    expect(describeRule({ any: [] })).toBe('no one');
    expect(describeRule({ not: { all: [{ consent: 'email' }, { consent: 'ads' }] } })).toBe('NOT (consented to email AND consented to ads)');
  });

  it('writes every attribute operator', () => {
    const d = (node: unknown) => describeRule(parseRule(node));
    expect(d({ attribute: 'country', op: '!=', value: 'US' })).toBe('country is not US');
    expect(d({ attribute: 'ltv', op: '<', value: 10 })).toBe('lifetime value below $10');
    expect(d({ attribute: 'ltv', op: '<=', value: 0 })).toBe('lifetime value at most $0');
    expect(d({ attribute: 'ltv', op: 'between', value: [100, 250] })).toBe('lifetime value between $100 and $250');
    expect(d({ attribute: 'signup_at', op: '>=', value: '2026-01-01T00:00:00Z' })).toBe('signup date on or after 2026-01-01');
    expect(d({ attribute: 'signup_at', op: '<', value: '2026-01-01' })).toBe('signup date before 2026-01-01');
    expect(d({ attribute: 'country', op: 'in', value: ['US'] })).toBe('country is US');
    expect(d({ attribute: 'country', op: 'not_in', value: ['US', 'CA', 'MX'] })).toBe('country is none of US, CA or MX');
    expect(d({ attribute: 'email', op: 'contains', value: 'AND' })).toBe('email contains "AND"');
    expect(d({ attribute: 'email', op: 'starts_with', value: 'a' })).toBe('email starts with "a"');
    expect(d({ attribute: 'phone', op: 'is_null' })).toBe('phone is unknown');
    expect(d({ attribute: 'phone', op: 'is_not_null' })).toBe('phone is known');
    expect(d({ attribute: 'consent_ads', op: '=', value: true })).toBe('ads consent is yes');
  });

  it('uses the labels it is given, and column names without underscores otherwise', () => {
    const rule = parseRule({
      all: [
        { attribute: 'favourite_colour', op: '=', value: 'red' },
        { attribute: 'ltv', op: '>', value: 5 },
      ],
    });
    expect(describeRule(rule, [{ name: 'ltv', label: 'LTV', format: 'number' }])).toBe('favourite colour is red AND LTV above 5');
  });

  it('writes event counts with their bounds', () => {
    const d = (node: unknown) => describeRule(parseRule(node));
    expect(d({ event: 'page_view' })).toBe('did page view at least once');
    expect(d({ event: 'page_view', min_count: 0, max_count: 0, within_days: 7 })).toBe('did not page view in the last 7 days');
    expect(d({ event: 'page_view', min_count: 0, max_count: 3 })).toBe('did page view at most 3 times');
    expect(d({ event: 'page_view', min_count: 2, max_count: 2 })).toBe('did page view exactly 2 times');
    expect(d({ event: 'page_view', min_count: 2, max_count: 5 })).toBe('did page view between 2 and 5 times');
    expect(d({ event: 'page_view', min_count: 0 })).toBe('did page view any number of times (everyone)');
  });
});
