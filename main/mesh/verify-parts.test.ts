import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flipMiddle4k } from './testing/damage';
import { PartVerifier } from './verify-parts';

const dir = mkdtempSync(join(tmpdir(), 'mw-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PartVerifier', () => {
  const file = join(dir, 'part-0.parquet');
  const content = Buffer.alloc(20_000, 7);
  writeFileSync(file, content);
  const sha = createHash('sha256').update(content).digest('hex');
  const part = { path: file, sha256: sha, bytes: content.length };

  it('passes a matching part and remembers its hash by size and mtime', async () => {
    const verifier = new PartVerifier(join(dir, 'state.json'));
    expect(await verifier.verify([part])).toEqual([]);
    expect(await verifier.verify([part])).toEqual([]);
    expect(verifier.hashed).toBe(1);
    // A new verifier reads the remembered hashes from its state file.
    const again = new PartVerifier(join(dir, 'state.json'));
    expect(await again.verify([part])).toEqual([]);
    expect(again.hashed).toBe(0);
  });

  it('finds 4 KB flipped in the middle (same size), and a missing or truncated part', async () => {
    const verifier = new PartVerifier(join(dir, 'state.json'));
    flipMiddle4k(file);
    const problems = await verifier.verify([part]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/is damaged: its sha256 is [0-9a-f]{64}, the manifest recorded/);
    expect(await verifier.verify([{ ...part, path: join(dir, 'nope.parquet') }])).toEqual([
      { path: join(dir, 'nope.parquet'), message: `${join(dir, 'nope.parquet')} is missing` },
    ]);
    writeFileSync(file, content.subarray(0, 100));
    expect((await verifier.verify([part]))[0]!.message).toContain('has 100 bytes, the manifest says 20000');
  });

  it('re-hashes when the mtime changes even if the size does not', async () => {
    writeFileSync(file, content);
    const verifier = new PartVerifier();
    expect(await verifier.verify([part])).toEqual([]);
    flipMiddle4k(file);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(await verifier.verify([part])).toHaveLength(1);
    expect(verifier.hashed).toBe(2);
  });
});
