import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT, audienceInput, defaultSalt, draftProblem } from './audience-form';

describe('audience form', () => {
  it('names the audience after its segment until the user names it', () => {
    const draft = { ...EMPTY_DRAFT, segmentId: 's1', destination: 'meta_ads' };
    expect(audienceInput(draft, 'High-value buyers').name).toBe('High-value buyers');
    expect(audienceInput(draft, 'Lapsed subscribers').name).toBe('Lapsed subscribers');
    expect(audienceInput({ ...draft, name: 'Spring push' }, 'Lapsed subscribers').name).toBe('Spring push');
  });

  it('proposes the same salt for the same audience on every visit', () => {
    const draft = { ...EMPTY_DRAFT, segmentId: 's1', destination: 'meta_ads' };
    const first = audienceInput(draft, 'High-value buyers');
    const again = audienceInput({ ...draft }, 'High-value buyers');
    expect(first.salt).toBe('aud-high-value-buyers');
    expect(again.salt).toBe(first.salt);
    expect(audienceInput({ ...draft, salt: 'spring-2026' }, 'High-value buyers').salt).toBe('spring-2026');
  });

  it('keeps salts short, readable and never empty', () => {
    expect(defaultSalt('Éclair fans — FR')).toBe('aud-eclair-fans-fr');
    expect(defaultSalt('!!!')).toBe('aud-audience');
    expect(defaultSalt('x'.repeat(200)).length).toBeLessThanOrEqual(64);
  });

  it('says what is missing before a dry run can run', () => {
    const input = audienceInput({ ...EMPTY_DRAFT, segmentId: 's1', destination: 'meta_ads', name: '' }, 'Buyers');
    expect(draftProblem(input)).toBe('Give the audience a name.');
    expect(draftProblem(audienceInput({ ...EMPTY_DRAFT, destination: 'd' }, undefined))).toBe('Pick a segment.');
    expect(draftProblem(audienceInput({ ...EMPTY_DRAFT, segmentId: 's1', destination: 'meta_ads' }, 'Buyers'))).toBeNull();
  });
});
