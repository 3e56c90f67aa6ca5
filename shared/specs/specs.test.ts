import { describe, expect, it } from 'vitest';
import { parseExperimentSpec } from './experiment-spec';
import { parseSegmentSpec } from './segment-spec';
import { SpecError } from './spec-error';

function errorOf(fn: () => unknown): SpecError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error('expected a SpecError');
}

describe('segment spec', () => {
  it('applies defaults and keeps values as data', () => {
    const spec = parseSegmentSpec({ kind: 'segment', rule: { event: 'x' } });
    expect(spec).toEqual({ kind: 'segment', include_members: false, rule: { event: 'x', min_count: 1 } });
  });

  it('points at the wrong node with a JSON path', () => {
    expect(errorOf(() => parseSegmentSpec({ kind: 'segment', rule: { any: [{ attribute: 'ltv', op: 'like', value: 1 }] } }))).toMatchObject({
      path: 'rule.any[0].op',
      message: expect.stringMatching(/^rule\.any\[0\]\.op must be one of "=", .* not "like"$/),
    });
    expect(errorOf(() => parseSegmentSpec({ kind: 'segment', rule: { attribute: 'ltv', op: 'between', value: [1] } })).path).toBe('rule.value');
    expect(errorOf(() => parseSegmentSpec({ kind: 'segment', rule: { not: { consent: 'sms' } } })).path).toBe('rule.not.consent');
    expect(errorOf(() => parseSegmentSpec({ kind: 'segment', rule: { event: 'a', min_count: 3, max_count: 2 } })).message).toBe(
      'rule.max_count must be >= min_count (3)',
    );
    expect(errorOf(() => parseSegmentSpec({ kind: 'segment' })).message).toBe('rule is required');
    expect(errorOf(() => parseSegmentSpec({ kind: 'segment', as_of: 'yesterday', rule: { all: [] } })).path).toBe('as_of');
  });
});

describe('experiment spec', () => {
  const base = { kind: 'experiment', experiment_id: 'e', control: 'control', metrics: [{ name: 'm', type: 'mean', conversion_type: 'purchase' }] };

  it('fills the documented defaults', () => {
    expect(parseExperimentSpec(base)).toMatchObject({ window_days: 28, alpha: 0.05, cuped: false });
  });

  it('rejects bad values with their path', () => {
    expect(errorOf(() => parseExperimentSpec({ ...base, alpha: 1.5 })).message).toBe('alpha must be < 1');
    expect(errorOf(() => parseExperimentSpec({ ...base, metrics: [{ name: 'm', type: 'median', conversion_type: 'p' }] })).path).toBe('metrics[0].type');
    expect(errorOf(() => parseExperimentSpec({ ...base, metrics: [] })).message).toBe('metrics must have at least 1 item(s)');
    expect(errorOf(() => parseExperimentSpec({ ...base, experiment_id: undefined })).message).toBe('experiment_id is required');
    expect(errorOf(() => parseExperimentSpec({ ...base, expected_split: { treatment: 1 } })).path).toBe('expected_split');
  });
});

describe('as_of forms', () => {
  it('accepts dates and timestamps with or without a zone, and rejects impossible dates', async () => {
    const { toUtcTimestamp } = await import('./timestamps');
    expect(toUtcTimestamp('2026-06-30')).toBe('2026-06-30 00:00:00.000000');
    expect(toUtcTimestamp('2026-06-30T00:30Z')).toBe('2026-06-30 00:30:00.000000');
    expect(toUtcTimestamp('2026-06-30T01:00:00.5+02:00')).toBe('2026-06-29 23:00:00.500000');
    expect(toUtcTimestamp('2026-06-30T00:00:00-0130')).toBe('2026-06-30 01:30:00.000000');
    expect(toUtcTimestamp('2026-02-30')).toBeNull();
    expect(errorOf(() => parseSegmentSpec({ kind: 'segment', as_of: '2026-13-01', rule: { all: [] } })).message).toBe(
      'as_of must be an ISO-8601 date or timestamp such as 2026-06-30T00:00:00Z',
    );
  });
});

describe('zod error sentences', () => {
  it('names the allowed discriminator values and union types', async () => {
    const { z } = await import('zod');
    const { specErrorFromZod } = await import('./spec-error');
    const schema = z.object({
      models: z.array(
        z.discriminatedUnion('model', [
          z.object({ model: z.literal('linear') }),
          z.object({ model: z.literal('time_decay'), half_life_days: z.number().gt(0) }),
        ]),
      ),
      v: z.union([z.string(), z.number()]).optional(),
    });
    const messageFor = (input: unknown): string => {
      const r = schema.safeParse(input);
      if (r.success) throw new Error('expected a failure');
      return specErrorFromZod(r.error, input).message;
    };
    expect(messageFor({ models: [{ model: 'linear' }, { model: 'shapley' }] })).toBe('models[1].model must be one of "linear", "time_decay", not "shapley"');
    expect(messageFor({ models: [{}] })).toBe('models[0].model is required: one of "linear", "time_decay"');
    expect(messageFor({ models: [{ model: 'linear' }, { model: 'linear' }, { model: 'linear' }, { model: 'time_decay', half_life_days: 0 }] })).toBe(
      'models[3].half_life_days must be > 0',
    );
    expect(messageFor({ models: [], v: {} })).toBe('v must be a string or a number, not an object');
  });
});

describe('attribution spec errors', () => {
  it('anchors the schema messages at the full JSON path', async () => {
    const { parseSpec } = await import('./index');
    const messageFor = (input: unknown): { message: string; path: string; code: string } => {
      try {
        parseSpec(input);
      } catch (error) {
        if (error instanceof SpecError) return { message: error.message, path: error.path, code: error.code };
        throw error;
      }
      throw new Error('expected a SpecError');
    };
    const models = [{ model: 'linear' }, { model: 'last_touch' }, { model: 'first_touch' }];
    expect(messageFor({ kind: 'attribution', conversion_type: 'purchase', models: [...models, { model: 'time_decay', half_life_days: 0 }] })).toEqual({
      code: 'invalid_spec',
      path: 'models[3].half_life_days',
      message: 'models[3].half_life_days must be > 0',
    });
    expect(messageFor({ kind: 'attribution', conversion_type: 'purchase', lookback_days: 400, models })).toMatchObject({
      path: 'lookback_days',
      message: 'lookback_days must be 1..365',
    });
    expect(messageFor({ kind: 'attribution', models })).toMatchObject({ path: 'conversion_type' });
    expect(messageFor({ kind: 'attribution', conversion_type: 'purchase', models: [{ model: 'linear', weight: 2 }] }).path).toBe('models[0]');
    expect(messageFor({ kind: 'cohort' })).toMatchObject({ code: 'unknown_kind', path: 'kind' });
  });
});
