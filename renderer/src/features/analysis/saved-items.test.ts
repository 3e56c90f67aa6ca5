import { describe, expect, it } from 'vitest';
import { uniqueName } from './saved-items';

const items = (...names: string[]) => names.map((name) => ({ name }));

describe('uniqueName', () => {
  it('gives a duplicate its own name', () => {
    expect(uniqueName('High value', items('High value'))).toBe('High value (copy)');
    expect(uniqueName('High value', items('High value', 'High value (copy)'))).toBe('High value (copy 2)');
    expect(uniqueName('High value (copy)', items('High value', 'High value (copy)'))).toBe('High value (copy 2)');
  });

  it('keeps a free name as it is, whatever the case of the taken ones', () => {
    expect(uniqueName('Lapsed', items('High value'))).toBe('Lapsed');
    expect(uniqueName('lapsed', items('Lapsed'))).toBe('lapsed (copy)');
  });
});
