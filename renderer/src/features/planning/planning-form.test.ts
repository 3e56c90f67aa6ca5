import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../../../shared/specs/index';
import { DEFAULT_FORM, boundsOf, fromSpec, suggestedBudget, toSpec, withBounds } from './planning-form';

describe('planner form', () => {
  it('writes a valid budget spec with only the changed bounds, and reads it back', () => {
    const form = withBounds(withBounds({ ...DEFAULT_FORM, budget: 25_000, weeks: 5 }, 'video', [0.5, 2]), 'email', [0, 3]);
    const spec = toSpec(form);
    expect(spec).toEqual({ kind: 'budget', metric: 'revenue', budget: 25_000, weeks: 5, channels: null, bounds: { video: [0.5, 2] } });
    expect(parseSpec(spec)).toEqual(spec);
    expect(fromSpec(spec)).toEqual(form);
    expect(boundsOf(form, 'email')).toEqual([0, 3]);
    // back to the default removes the entry, so the spec says null
    expect(toSpec(withBounds(form, 'video', [0, 3])).bounds).toBeNull();
  });

  it('falls back to the defaults for an unreadable spec', () => {
    expect(fromSpec({ kind: 'budget', metric: 'clicks' })).toEqual(DEFAULT_FORM);
  });

  it('suggests a round budget near recent spend', () => {
    expect(suggestedBudget(11_234, 4)).toBe(45_000);
    expect(suggestedBudget(0, 4)).toBe(DEFAULT_FORM.budget);
    expect(suggestedBudget(3, 1)).toBe(3);
  });
});
