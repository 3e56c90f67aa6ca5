import { describe, expect, it } from 'vitest';
import { parseExperimentSpec } from '../../specs/experiment-spec';
import { expectedSplitFromRegistry, reportedVariants, srmCheck } from './expected-split';

const spec = (extra: Record<string, unknown> = {}) =>
  parseExperimentSpec({
    kind: 'experiment',
    experiment_id: 'e',
    control: 'holdout',
    metrics: [{ name: 'm', type: 'mean', conversion_type: 'purchase' }],
    ...extra,
  });

describe('expected split', () => {
  it('reads the experiments product column, refusing anything that is not a split', () => {
    expect(expectedSplitFromRegistry('{"holdout":0.1,"treatment":0.9}')).toEqual({ holdout: 0.1, treatment: 0.9 });
    for (const bad of [null, 3, '', 'not json', '[0.5,0.5]', '{}', '{"a":0}', '{"a":-1,"b":2}', '{"a":"0.5"}'])
      expect(expectedSplitFromRegistry(bad)).toBeNull();
  });

  it('does not flag a 10% holdout against its designed split, and flags it against equal shares', () => {
    const split = expectedSplitFromRegistry('{"holdout":0.1,"treatment":0.9}') as Record<string, number>;
    const counts = { holdout: 1158, treatment: 10418 };
    expect(srmCheck(spec({ expected_split: split }), ['holdout', 'treatment'], counts).flag).toBe(false);
    // Equal shares: chi = 2 * (4630^2 / 5788) = 7407 on 1 df: p underflows to 0.
    expect(srmCheck(spec(), ['holdout', 'treatment'], counts)).toEqual({ p_value: 0, flag: true, counts });
  });

  it('orders control first, then the others, including designed variants nobody got', () => {
    expect(reportedVariants(spec({ expected_split: { holdout: 1, treatment: 8, b: 1 } }), ['treatment', 'holdout'])).toEqual(['holdout', 'b', 'treatment']);
    expect(() => reportedVariants(spec({ expected_split: { holdout: 1 } }), ['treatment', 'holdout'])).toThrow(/expected_split lacks treatment/);
    expect(() => reportedVariants(spec(), [])).toThrow(/no assignments/);
  });
});
