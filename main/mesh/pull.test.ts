import { describe, expect, it } from 'vitest';
import { checkFileNames } from './pull';

const part = (name: string) => ({ name, url: `/f/${name}`, sha256: '0'.repeat(64), bytes: 1 });

describe('manifest part names', () => {
  it('accepts plain .parquet names', () => {
    expect(() => checkFileNames([part('part-00000.parquet'), part('customers 2026-11.parquet')])).not.toThrow();
  });

  it.each(['../../.bashrc.parquet', 'sub/part.parquet', '..\\\\x.parquet', '.hidden.parquet', 'part.csv', 'PART.PARQUET'])(
    'refuses %s before anything is written',
    (name) => {
      expect(() => checkFileNames([part(name)])).toThrow(
        expect.objectContaining({ code: 'bad_manifest', message: expect.stringContaining(JSON.stringify(name)) }),
      );
    },
  );

  it('refuses a manifest without parts', () => {
    expect(() => checkFileNames([])).toThrow(/no parts/);
  });

  it('refuses a part listed twice', () => {
    expect(() => checkFileNames([part('a.parquet'), part('a.parquet')])).toThrow(/twice/);
  });
});
