import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultConfig } from '../../fixtures/mesh/faults';
import { call, startTestNode, type TestNode } from '../../fixtures/mesh/testing/test-support';
import { runCli } from './meshwork';

let t: TestNode;
beforeAll(async () => {
  t = await startTestNode();
}, 120_000);
afterAll(async () => t?.dispose());

async function cli(args: string[], env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env });
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

  it.each<[string, FaultConfig, string]>([
    ['a wrong checksum', { wrongChecksum: ['conversions'] }, 'checksum_mismatch'],
    ['a download that keeps dropping', { truncateDownloads: 1000 }, 'truncated'],
  ])('exits 4 on %s and leaves an earlier pull in <out> exactly as it was', async (_what, faults, code) => {
    const out = mkdtempSync(join(tmpdir(), 'mw-pull-'));
    const ok = await cli(['pull', '--mesh', t.node.url, '--token', t.node.tokens.analyst, '--product', 'conversions', '--out', out]);
    expect(ok.code).toBe(0);
    const before = readdirSync(join(out, 'conversions')).map((f) => [f, readFileSync(join(out, 'conversions', f)).length]);
    t.node.setFaults(faults);
    const r = await cli(['pull', '--mesh', t.node.url, '--token', t.node.tokens.analyst, '--product', 'conversions', '--out', out]).finally(() =>
      t.node.setFaults({}),
    );
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code, message: expect.stringContaining('conversions') } });
    expect(readdirSync(out)).toEqual(['conversions']);
    expect(readdirSync(join(out, 'conversions')).map((f) => [f, readFileSync(join(out, 'conversions', f)).length])).toEqual(before);
  });

  it('exits 4 with a JSON error when the mesh is unreachable, creating nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mw-pull-')), 'new');
    const r = await cli(['pull', '--mesh', 'http://127.0.0.1:9', '--token', 'x', '--product', 'customers', '--out', out]);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stderr).error.code).toBe('offline');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 4 without touching a file given as --out', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mw-pull-')), 'notes.txt');
    writeFileSync(file, 'keep me');
    const r = await cli(['pull', '--mesh', t.node.url, '--token', t.node.tokens.analyst, '--product', 'customers', '--out', file]);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stderr).error).toMatchObject({ code: 'bad_out', message: expect.stringMatching(/not a folder/) });
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('rejects missing options with exit 2 and names the option', async () => {
    const r = await cli(['pull', '--mesh', t.node.url, '--product', 'customers', '--out', '/tmp/x']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr).error.message).toMatch(/--token/);
  });
});

describe('mesh tokens on the command line', () => {
  const pullArgs = (out: string) => ['pull', '--mesh', t.node.url, '--product', 'conversions', '--out', out];

  it('reads the token from MESHWORK_TOKEN', async () => {
    const r = await cli(pullArgs(mkdtempSync(join(tmpdir(), 'mw-pull-'))), { MESHWORK_TOKEN: t.node.tokens.analyst });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('reads the token from --token-file (a final newline is not part of it)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mw-tok-')), 'token');
    writeFileSync(file, `${t.node.tokens.analyst}\n`, { mode: 0o600 });
    const r = await cli([...pullArgs(mkdtempSync(join(tmpdir(), 'mw-pull-'))), '--token-file', file], { MESHWORK_TOKEN: 'wrong-token-from-env' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('refuses an unreadable or empty token file, or both --token and --token-file, with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-tok-'));
    const missing = await cli([...pullArgs(dir), '--token-file', join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stderr).error).toMatchObject({ code: 'bad_token_file', path: 'token-file' });
    writeFileSync(join(dir, 'empty'), '\n');
    expect((await cli([...pullArgs(dir), '--token-file', join(dir, 'empty')])).code).toBe(2);
    const both = await cli([...pullArgs(dir), '--token', 'abcdefgh', '--token-file', join(dir, 'empty')]);
    expect(both.code).toBe(2);
    expect(JSON.parse(both.stderr).error.message).toMatch(/not both/);
  });

  it('never prints a token: not a rejected one, not one in a mistyped command line, not one in the mesh URL', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mw-pull-'));
    const refused = await cli(['activate', '--mesh', t.node.url, '--token', 'not-a-real-token-42', '--audience', 'a', '--version', '1']);
    expect(refused.code).toBe(4);
    // A stray value after --token is quoted by the argument parser ("Unexpected argument ...").
    const stray = await cli(['pull', '--mesh', t.node.url, '--token', 'first-token-abc', 'second-token-xyz', '--product', 'customers', '--out', out]);
    expect(stray.code).toBe(2);
    const inUrl = await cli(['pull', '--mesh', 'http://maya:url-secret-999@127.0.0.1:9', '--product', 'customers', '--out', out], {
      MESHWORK_TOKEN: 'env-secret-777',
    });
    expect(inUrl.code).toBe(4);
    const fromFile = join(mkdtempSync(join(tmpdir(), 'mw-tok-')), 'token');
    writeFileSync(fromFile, 'file secret with spaces');
    const spaced = await cli([...pullArgs(out), '--token-file', fromFile]);
    expect(spaced.code).toBe(2);
    const stderr = [refused, stray, inUrl, spaced].map((r) => r.stderr).join('\n');
    expect(stderr).not.toMatch(/not-a-real-token-42|first-token-abc|second-token-xyz|url-secret-999|env-secret-777|file secret with spaces/);
  });
});

/** An audience version submitted by the marketer and approved by the approver, over real HTTP. */
async function approvedAudience(): Promise<{ id: string; version: number }> {
  const created = await call<{ id: string; version: number }>(t.node, 'marketer', 'POST', '/v1/audiences', {
    name: `cli audience ${Math.random()}`,
    spec: { kind: 'segment', rule: { all: [] } },
    destination: 'salesforce_crm',
    holdout_pct: 0,
    salt: 's',
    members: [],
  });
  expect(created.status).toBeLessThan(300);
  const approved = await call(t.node, 'approver', 'POST', `/v1/audiences/${created.body.id}/versions/${created.body.version}/approve`, { comment: 'ok' });
  expect(approved.status).toBe(200);
  return created.body;
}

function activationsOf(audienceId: string): unknown[] {
  const state = JSON.parse(readFileSync(join(t.stateDir, 'state.json'), 'utf8')) as { activations: Array<{ audience_id: string }> };
  return state.activations.filter((a) => a.audience_id === audienceId);
}

describe('meshwork activate', () => {
  it('activates once when the 202 is lost and a 5xx follows, and prints the final activation', async () => {
    const { id, version } = await approvedAudience();
    t.node.setFaults({ loseNext: 1, pathPrefix: '/v1/activations' });
    const lost = await cli(['activate', '--mesh', t.node.url, '--token', t.node.tokens.marketer, '--audience', id, '--version', String(version)]).finally(() =>
      t.node.setFaults({}),
    );
    expect(lost.code).toBe(0);
    const activation = JSON.parse(lost.stdout) as { id: string; status: string; audience_id: string; version: number };
    expect(activation).toMatchObject({ audience_id: id, version });
    // Final: the sync has finished, and the mesh still says the same about it.
    expect(['succeeded', 'failed']).toContain(activation.status);
    expect((await call<{ status: string }>(t.node, 'marketer', 'GET', `/v1/activations/${activation.id}`)).body.status).toBe(activation.status);
    expect(activationsOf(id)).toHaveLength(1);

    t.node.setFaults({ failNext: 2, pathPrefix: '/v1/activations' });
    const again = await cli([
      'activate',
      '--mesh',
      t.node.url,
      '--token',
      t.node.tokens.marketer,
      '--audience',
      id,
      '--version',
      String(version),
      '--wait',
      '0',
    ]).finally(() => t.node.setFaults({}));
    expect(again.code).toBe(0);
    // A second invocation is a second activation; the two 5xx before it did not add a third.
    expect(activationsOf(id)).toHaveLength(2);
  });

  it('refuses an unapproved version with exit 4 and the mesh message', async () => {
    const r = await cli(['activate', '--mesh', t.node.url, '--token', t.node.tokens.marketer, '--audience', 'nope', '--version', '1']);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stderr).error.code).toMatch(/not_found|not_approved|unknown_audience/);
  });
});
