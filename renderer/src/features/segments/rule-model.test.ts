import { describe, expect, it } from 'vitest';
import { addChild, removeAt, treeProblems, updateAt } from './rule-model';

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
});
