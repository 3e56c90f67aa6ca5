import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, formatPath, isErrorCode, toAppError } from './errors';
import { SpecError } from './specs/spec-error';

describe('the one error model', () => {
  it('formats paths the way specs and the builders show them', () => {
    expect(formatPath(['models', 3, 'half_life_days'])).toBe('models[3].half_life_days');
    expect(formatPath(['rule', 'all', 0, 'not'])).toBe('rule.all[0].not');
    expect(formatPath([0])).toBe('[0]');
    expect(formatPath([])).toBe('');
  });

  it('knows its codes, and http_<status> for mesh answers without one', () => {
    expect(isErrorCode('invalid_spec')).toBe(true);
    expect(isErrorCode('http_502')).toBe(true);
    expect(isErrorCode('http_5023')).toBe(false);
    expect(isErrorCode('ENOENT')).toBe(false);
    expect(isErrorCode(42)).toBe(false);
  });

  it('maps any thrown value once: AppErrors as they are, bodies by code, the rest to the fallback', () => {
    const spec = new SpecError('unknown_kind', 'kind must be one of ...', 'kind');
    expect(spec).toBeInstanceOf(AppError);
    expect(toAppError(spec)).toBe(spec);
    expect(toAppError(spec).toBody()).toEqual({ code: 'unknown_kind', message: 'kind must be one of ...', path: 'kind' });
    expect(toAppError({ code: 'missing_data', message: 'Pull it', path: 'x' }).toBody()).toEqual({ code: 'missing_data', message: 'Pull it', path: 'x' });
    expect(toAppError({ code: 'made_up', message: 'm' }, 'engine_error').code).toBe('engine_error');
    const zod = z.object({ a: z.number() }).safeParse({ a: 'x' });
    expect(toAppError(zod.error)).toMatchObject({ code: 'invalid_input', path: 'a' });
    expect(toAppError(Object.assign(new Error('gone'), { code: 'ENOENT' })).toBody()).toEqual({ code: 'internal_error', message: 'gone' });
    expect(toAppError(Object.assign(new Error('late'), { code: 'offline' })).code).toBe('offline');
    expect(toAppError('boom', 'engine_error').toBody()).toEqual({ code: 'engine_error', message: 'boom' });
  });
});
