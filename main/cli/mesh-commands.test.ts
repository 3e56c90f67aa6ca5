import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../../fixtures/mesh/test-support';
import { runCli } from './meshwork';

let t: TestNode;
beforeAll(async () => {
  t = await startTestNode();
}, 120_000);
afterAll(async () => t?.dispose());

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('meshwork pull', () => {
  it('places a verified extract at <out>/<id>/<parts> and prints a summary', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mw-pull-'));
    const r = await cli(['pull', '--mesh', t.node.url, '--token', t.node.tokens.analyst, '--product', 'touchpoints', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const summary = JSON.parse(r.stdout) as { rows: number; files: number };
    expect(summary.rows).toBeGreaterThan(0);
    expect(readdirSync(join(out, 'touchpoints')).filter((f) => f.endsWith('.parquet'))).toHaveLength(summary.files);
    expect(readdirSync(out)).toEqual(['touchpoints']);
  });

  it('exits 4 on a drifted schema and leaves <out> exactly as it was', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mw-pull-'));
    mkdirSync(join(out, 'customers'));
    writeFileSync(join(out, 'customers', 'old.parquet'), 'previous pull');
    t.node.setFaults({ driftSchema: ['customers'] });
    const r = await cli(['pull', '--mesh', t.node.url, '--token', t.node.tokens.analyst, '--product', 'customers', '--out', out]);
    t.node.setFaults({});
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'contract_violation' } });
    expect(readdirSync(out)).toEqual(['customers']);
    expect(readdirSync(join(out, 'customers'))).toEqual(['old.parquet']);
  });

  it('exits 4 with a JSON error when the mesh is unreachable, creating nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mw-pull-')), 'new');
    const r = await cli(['pull', '--mesh', 'http://127.0.0.1:9', '--token', 'x', '--product', 'customers', '--out', out]);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stderr).error.code).toBe('offline');
    expect(existsSync(out)).toBe(false);
  });

  it('rejects missing options with exit 2 and names the option', async () => {
    const r = await cli(['pull', '--mesh', t.node.url, '--product', 'customers', '--out', '/tmp/x']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr).error.message).toMatch(/--token/);
  });
});

describe('meshwork activate', () => {
  it('refuses an unapproved version with exit 4 and the mesh message', async () => {
    const r = await cli(['activate', '--mesh', t.node.url, '--token', t.node.tokens.marketer, '--audience', 'nope', '--version', '1']);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stderr).error.code).toMatch(/not_found|not_approved|unknown_audience/);
  });
});
