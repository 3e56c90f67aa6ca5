import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { fieldError, plainError } from './plain-error';

describe('plainError', () => {
  it('drops the call name and points a save error at the name field', () => {
    // The dispatcher's wording for workspace.save with an empty name.
    const error = new AppError('invalid_input', 'workspace.save: name: Give it a name', 'name');
    expect(plainError(error)).toEqual({ field: 'name', message: 'Give it a name.' });
  });

  it("rephrases zod's wording with the field's label", () => {
    const error = new AppError('invalid_input', 'analysis.power: effect: Too small: expected number to be >0', 'effect');
    expect(plainError(error, { effect: 'Effect to detect' })).toEqual({ field: 'effect', message: 'Effect to detect must be more than 0.' });
  });

  it('names an unlabelled field in words and never shows a JSON path', () => {
    const error = new AppError('invalid_spec', 'rule.all[1].min_count: must be at least 1', 'rule.all[1].min_count');
    const plain = plainError(error);
    expect(plain).toEqual({ field: 'rule', message: 'Min count must be at least 1.' });
    expect(plain.message).not.toMatch(/\[1\]|rule\./);
  });

  it('reads dotted dispatcher paths and several problems as sentences about the first field', () => {
    const error = new AppError(
      'invalid_input',
      'connections.add: url: must be an http(s) URL such as https://mesh.example.com; token: Too small: expected string to have >=1 characters',
      'url',
    );
    expect(plainError(error, { url: 'URL', token: 'Token' })).toEqual({
      field: 'url',
      message: 'URL must be an http(s) URL such as https://mesh.example.com. Token cannot be empty.',
    });
  });

  it('gives plain words for failures of the machinery and keeps messages written for people', () => {
    expect(plainError(new AppError('internal_error', 'analysis.run failed.'))).toEqual({
      message: 'Something went wrong inside Meshwork. Try again; if it keeps happening, restart the app.',
    });
    expect(plainError(new AppError('offline', 'The mesh cannot be reached. Your change waits in the outbox.'))).toEqual({
      message: 'The mesh cannot be reached. Your change waits in the outbox.',
    });
    // A renderer-side exception (a bug) is not shown raw either.
    expect(plainError(new TypeError("Cannot read properties of undefined (reading 'x')")).message).toMatch(/^Something went wrong inside Meshwork/);
  });

  it('treats a whole-input problem as no field', () => {
    const error = new AppError('invalid_input', 'campaigns.kpis: input: Unrecognized key: "x"', '');
    expect(plainError(error)).toEqual({ message: 'This value has a setting this version of Meshwork does not know.' });
  });
});

describe('fieldError', () => {
  it('answers only for the field the error concerns', () => {
    const error = new AppError('invalid_input', 'workspace.save: name: Keep the name under 120 characters', 'name');
    expect(fieldError(error, 'name')).toBe('Keep the name under 120 characters.');
    expect(fieldError(error, 'spec')).toBeUndefined();
    expect(fieldError(null, 'name')).toBeUndefined();
  });
});
