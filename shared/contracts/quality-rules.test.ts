import { describe, expect, it } from 'vitest';
import { contractRules, describeCheck, severityOf, summariseQuality, thresholdMet, toCheck, type QualityCheck } from './quality-rules';
import { odcsContractSchema } from './odcs';

const contract = odcsContractSchema.parse({
  apiVersion: 'v3.1.0',
  kind: 'DataContract',
  id: 'c',
  version: '1.0.0',
  status: 'active',
  schema: [
    {
      name: 't',
      quality: [{ name: 'has_rows', metric: 'rowCount', mustBeGreaterThan: 0 }],
      properties: [
        { name: 'customer_id', quality: [{ name: 'id_unique', metric: 'duplicateValues', mustBe: 0 }] },
        {
          name: 'lifecycle_stage',
          quality: [{ name: 'stage_values', metric: 'invalidValues', arguments: { validValues: ['lead', 'mql'] }, mustBe: 0, severity: 'warning' }],
        },
        { name: 'ltv', quality: [{ metric: 'invalidValues', arguments: { minimum: 0, maximum: 100 }, mustBeLessOrEqualTo: 5, unit: 'percent' }] },
        { name: 'signup_at', quality: [{ name: 'fresh', metric: 'freshness', mustBeLessOrEqualTo: 48 }] },
        {
          name: 'x',
          quality: [
            { type: 'text', description: 'Looks right' },
            { metric: 'sqlMagic', mustBe: 1 },
          ],
        },
      ],
    },
  ],
});

describe('contractRules', () => {
  it('turns each ODCS rule into a check described in words', () => {
    const rules = contractRules(contract);
    expect(rules.map((r) => [r.id, r.text, r.severity])).toEqual([
      ['has_rows', 'At least 1 row', 'error'],
      ['id_unique', 'customer_id has no duplicates', 'error'],
      ['stage_values', 'lifecycle_stage is one of lead, mql (where set)', 'warning'],
      ['ltv_invalidValues_1', 'The share of values of ltv that are not between 0 and 100 is ≤ 5%', 'error'],
      ['fresh', 'The newest signup_at is at most 48 hours old', 'error'],
      ['x_rule_1', 'Looks right (a text rule, not checked by Meshwork)', 'error'],
      ['x_sqlMagic_2', 'x_sqlMagic_2 (metric sqlMagic is not checked by Meshwork)', 'error'],
    ]);
    expect(rules.filter((r) => r.check === null)).toHaveLength(2);
    expect(rules[3]?.check).toMatchObject({
      metric: 'invalidValues',
      unit: 'percent',
      minimum: 0,
      maximum: 100,
      operator: 'mustBeLessOrEqualTo',
      threshold: [5],
    });
  });

  it('defaults severity to error and keeps warning and info', () => {
    expect([severityOf(undefined), severityOf('Warning'), severityOf('warn'), severityOf('info'), severityOf('critical')]).toEqual([
      'error',
      'warning',
      'warning',
      'info',
      'error',
    ]);
  });

  it('refuses rules it cannot run instead of guessing', () => {
    expect(toCheck({ metric: 'nullValues' }, 'a', 0).check).toBeNull();
    expect(toCheck({ metric: 'nullValues', mustBe: 0 }, null, 0).check).toBeNull();
    expect(toCheck({ metric: 'invalidValues', mustBe: 0 }, 'a', 0).check).toBeNull();
    expect(toCheck({ metric: 'rowCount', mustBeBetween: [10, 2] }, null, 0).check?.threshold).toEqual([2, 10]);
  });
});

describe('thresholdMet', () => {
  const c = (operator: QualityCheck['operator'], threshold: number[]) => ({ operator, threshold });
  it.each([
    [c('mustBe', [0]), 0, true],
    [c('mustBe', [0]), 1, false],
    [c('mustNotBe', [0]), 0, false],
    [c('mustBeGreaterThan', [0]), 0, false],
    [c('mustBeGreaterOrEqualTo', [0]), 0, true],
    [c('mustBeLessThan', [5]), 5, false],
    [c('mustBeLessOrEqualTo', [5]), 5, true],
    [c('mustBeBetween', [1, 3]), 3, true],
    [c('mustBeBetween', [1, 3]), 3.5, false],
    [c('mustNotBeBetween', [1, 3]), 1, false],
    [c('mustNotBeBetween', [1, 3]), 0, true],
    [c('mustBeLessOrEqualTo', [48]), null, false],
  ])('%o with %s -> %s', (check, observed, expected) => {
    expect(thresholdMet(check, observed)).toBe(expected);
  });
});

describe('summariseQuality', () => {
  const r = (passed: boolean, severity: 'error' | 'warning') => ({ id: 'r', column: null, severity, text: '', passed, observed: 0, threshold: '= 0' });
  it('counts failed errors and warnings for the badge', () => {
    expect(summariseQuality(null).status).toBe('unchecked');
    expect(summariseQuality([r(true, 'error')]).status).toBe('passed');
    expect(summariseQuality([r(true, 'error'), r(false, 'warning'), r(false, 'warning')])).toEqual({
      status: 'warnings',
      failedErrors: 0,
      warnings: 2,
      checked: 3,
    });
    expect(summariseQuality([r(false, 'error'), r(false, 'warning')]).status).toBe('failed');
  });
  it('describes a missingValues rule with its listed values', () => {
    const check = toCheck({ metric: 'missingValues', arguments: { missingValues: [null, '', 'N/A'] }, mustBe: 0 }, 'email', 0).check as QualityCheck;
    expect(describeCheck(check)).toBe('email is never missing (empty or "", "N/A")');
  });
});
