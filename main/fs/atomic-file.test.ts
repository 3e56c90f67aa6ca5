import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeStaleTemps, removeStaleTempsIn, writeFileAtomic, writeFileAtomicSync } from './atomic-file';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'meshwork-atomic-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const posix = process.platform !== 'win32';

describe('writeFileAtomic', () => {
  it('replaces a file whole and leaves no temp files behind', async () => {
    const path = join(dir, 'a.json');
    await writeFileAtomic(path, '{"v":1}');
    await writeFileAtomic(path, '{"v":2}');
    expect(readFileSync(path, 'utf8')).toBe('{"v":2}');
    expect(readdirSync(dir).filter((n) => n.startsWith('a.json'))).toEqual(['a.json']);
  });
});

describe('writeFileAtomicSync', () => {
  it('replaces a file whole, bytes or text, and leaves no temp files behind', () => {
    const path = join(dir, 'b.json');
    writeFileAtomicSync(path, '{"v":1}');
    writeFileAtomicSync(path, new TextEncoder().encode('{"v":"é"}'));
    expect(readFileSync(path, 'utf8')).toBe('{"v":"é"}');
    expect(readdirSync(dir).filter((n) => n.startsWith('b.json'))).toEqual(['b.json']);
  });

  it.runIf(posix)('creates the file 0600 and missing folders 0700', () => {
    const path = join(dir, 'new', 'c.json');
    writeFileAtomicSync(path, '{}');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'new')).mode & 0o777).toBe(0o700);
  });
});

describe('stale temp files', () => {
  it('removes what a crash left beside a file, and nothing else', async () => {
    const sweep = await mkdtemp(join(dir, 'sweep-'));
    const names = [
      'state.json',
      'state.json.0b5e7c1a-3f2d-4e6b-9a8c-1d2e3f4a5b6c.tmp', // a temp of this version
      'state.json.tmp-deadbeef', // a temp of an older demo mesh node
      'other.json.0b5e7c1a-3f2d-4e6b-9a8c-1d2e3f4a5b6c.tmp', // another file's temp
      'notes.tmp', // not ours
    ];
    for (const name of names) writeFileSync(join(sweep, name), 'x');
    removeStaleTemps(join(sweep, 'state.json'));
    expect(readdirSync(sweep).sort()).toEqual(['notes.tmp', 'other.json.0b5e7c1a-3f2d-4e6b-9a8c-1d2e3f4a5b6c.tmp', 'state.json']);
    removeStaleTempsIn(sweep);
    expect(readdirSync(sweep).sort()).toEqual(['notes.tmp', 'state.json']);
  });
});
