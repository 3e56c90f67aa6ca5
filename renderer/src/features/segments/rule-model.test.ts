import { describe, expect, it } from 'vitest';
import { addChild, nodeIssues, removeAt, treeProblems, updateAt } from './rule-model';

describe('segment rule editing', () => {
  it('adds, edits and removes nested nodes without touching siblings', () => {
    let rule = addChild({ all: [] }, [], { attribute: 'country', op: 'in', value: ['US'] });
    rule = addChild(rule, [], { any: [] });
    rule = addChild(rule, [1], { event: 'add_to_cart', min_count: 2, within_days: 30 });
    rule = updateAt(rule, [0], () => ({ attribute: 'country', op: 'in', value: ['US', 'CA'] }));
    expect(rule).toEqual({
      all: [{ attribute: 'country', op: 'in', value: ['US', 'CA'] }, { any: [{ event: 'add_to_cart', min_count: 2, within_days: 30 }] }],
    });
    expect(removeAt(rule, [1, 0])).toEqual({ all: [{ attribute: 'country', op: 'in', value: ['US', 'CA'] }, { any: [] }] });
  });

  it('counts what is missing, so the builder can say so in place', () => {
    expect(treeProblems({ all: [{ attribute: 'ltv', op: '>=', value: '' }, { event: '', min_count: 1 }, { consent: 'ads' }] })).toBe(2);
    expect(treeProblems({ all: [{ attribute: 'phone', op: 'is_null' }] })).toBe(0);
  });

  it('refuses absurd counts and windows at their field instead of running them', () => {
    expect(nodeIssues({ event: 'add_to_cart', min_count: 1, within_days: 0 })).toEqual([
      { field: 'days', message: 'Use a whole number of days from 1 to 3,650.' },
    ]);
    expect(nodeIssues({ event: 'add_to_cart', min_count: 2.5, within_days: 30 }).map((i) => i.field)).toEqual(['min']);
    expect(nodeIssues({ event: 'add_to_cart', min_count: -5 }).map((i) => i.field)).toEqual(['min']);
    expect(nodeIssues({ conversion: 'purchase', min_count: 3, max_count: 2, within_days: 3651 }).map((i) => i.field)).toEqual(['max', 'days']);
    // "at most 0 times" is a real question (nobody did it): allowed.
    expect(nodeIssues({ event: 'add_to_cart', min_count: 0, max_count: 0, within_days: 3650 })).toEqual([]);
    expect(nodeIssues({ attribute: 'ltv', op: 'between', value: [500, 100] })).toEqual([{ field: 'hi', message: 'The end must not be below the start.' }]);
    expect(nodeIssues({ attribute: 'country', op: 'in', value: [] })).toEqual([{ field: 'values', message: 'Pick at least one value.' }]);
  });
});
