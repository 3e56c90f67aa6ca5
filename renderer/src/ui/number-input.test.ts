import { describe, expect, it } from 'vitest';
import { formatNumberInput, parseNumberInput, rangeText } from './number-input';

const days = { min: 1, max: 365, integer: true, unit: 'days' };

describe('parseNumberInput', () => {
  it('reads what was typed, without snapping a cleared field to a default', () => {
    expect(parseNumberInput('14', days)).toEqual({ ok: true, value: 14 });
    expect(parseNumberInput('', days)).toEqual({ ok: false, message: 'Enter a whole number between 1 and 365 days.' });
    expect(parseNumberInput(' 7 ', days)).toEqual({ ok: true, value: 7 });
  });

  it('explains out-of-range values instead of clamping them', () => {
    expect(parseNumberInput('0', days)).toEqual({ ok: false, message: 'Use a value between 1 and 365 days.' });
    expect(parseNumberInput('-5', days)).toEqual({ ok: false, message: 'Use a value between 1 and 365 days.' });
    expect(parseNumberInput('400', days)).toEqual({ ok: false, message: 'Use a value between 1 and 365 days.' });
  });

  it('refuses fractions where a count is asked for, and text that is not a plain number', () => {
    expect(parseNumberInput('2.5', { min: 0, integer: true, unit: 'times' })).toEqual({ ok: false, message: 'Use a whole number at least 0 times.' });
    expect(parseNumberInput('1e3', days)).toEqual({ ok: false, message: '"1e3" is not a number.' });
    expect(parseNumberInput('12abc', days)).toEqual({ ok: false, message: '"12abc" is not a number.' });
    expect(parseNumberInput('-', days).ok).toBe(false);
  });

  it('lets an optional field be empty', () => {
    expect(parseNumberInput('', { min: 0, optional: true })).toEqual({ ok: true, value: undefined });
  });

  it('accepts decimals where allowed', () => {
    expect(parseNumberInput('0.25', { min: 0 })).toEqual({ ok: true, value: 0.25 });
    expect(parseNumberInput('.5', {})).toEqual({ ok: true, value: 0.5 });
  });

  it('says the range in words', () => {
    expect(rangeText({ min: 100, unit: 'users' })).toBe('at least 100 users');
    expect(rangeText({ max: 10_000 })).toBe('at most 10,000');
    expect(rangeText({})).toBe('a number');
    expect(formatNumberInput(undefined)).toBe('');
    expect(formatNumberInput(28)).toBe('28');
  });
});
