/**
 * `meshwork pull` writes the manifest beside the parts, and `analyze --verify` refuses a
 * damaged part (4 KB flipped in the middle) with exit 3 instead of reading it and answering.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../../fixtures/mesh/test-support';
import { flipMiddle4k } from '../mesh/testing/damage';
import { runCli } from './meshwork';

let t: TestNode;
let out: string;
beforeAll(async () => {
  t = await startTestNode();
  out = mkdtempSync(join(tmpdir(), 'mw-pullverify-'));
}, 120_000);
afterAll(async () => {
  await t?.dispose();
  rmSync(out, { recursive: true, force: true });
});

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('pull manifest and analyze --verify', () => {
  it('verifies intact parts, refuses a damaged one with exit 3', async () => {
    const pulled = await cli(['pull', '--mesh', t.node.url, '--token', t.node.tokens.analyst, '--product', 'conversions', '--out', out]);
    expect(pulled.code).toBe(0);
    const manifest = join(out, 'conversions', 'manifest.json');
    expect(existsSync(manifest)).toBe(true);
    const spec = join(out, 'spec.json');
    writeFileSync(spec, JSON.stringify({ kind: 'segment', as_of: '2030-01-01T00:00:00Z', rule: { conversion: 'purchase', min_count: 1 } }));
    // customers is needed by a segment: pull it too (its manifest is verified alongside).
    expect((await cli(['pull', '--mesh', t.node.url, '--token', t.node.tokens.analyst, '--product', 'customers', '--out', out])).code).toBe(0);
    const verified = await cli(['analyze', '--data', out, '--spec', spec, '--verify', manifest, '--verify', join(out, 'customers', 'manifest.json')]);
    expect(verified.code).toBe(0);
    const plain = await cli(['analyze', '--data', out, '--spec', spec]);
    expect(plain.stdout).toBe(verified.stdout);

    const parts = readdirSync(join(out, 'conversions')).filter((f) => f.endsWith('.parquet'));
    const largest = parts.map((f) => join(out, 'conversions', f)).sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
    expect(statSync(largest).size).toBeGreaterThan(8192);
    flipMiddle4k(largest);
    const damaged = await cli(['analyze', '--data', out, '--spec', spec, '--verify', manifest]);
    expect(damaged.code).toBe(3);
    expect(damaged.stdout).toBe('');
    const error = (JSON.parse(damaged.stderr) as { error: { code: string; message: string; path: string } }).error;
    expect(error).toMatchObject({ code: 'checksum_mismatch', path: largest });
    expect(error.message).toContain('is damaged');
  });

  it('refuses an unlisted part and an unreadable manifest with exit 3', async () => {
    const manifest = join(out, 'conversions', 'manifest.json');
    writeFileSync(join(out, 'conversions', 'zz-extra.parquet'), 'PAR1');
    const spec = join(out, 'spec.json');
    const r = await cli(['analyze', '--data', out, '--spec', spec, '--verify', manifest]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('zz-extra.parquet');
    const bad = await cli(['analyze', '--data', out, '--spec', spec, '--verify', join(out, 'nope.json')]);
    expect(bad.code).toBe(3);
    expect(JSON.parse(bad.stderr).error.code).toBe('unreadable_data');
  });
});
