/**
 * A CLI pull killed mid-transfer leaves its staging folder behind: the next pull of that
 * version resumes it with Range instead of starting over, and staging nobody will come back
 * for is removed once it is a day old.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../../fixtures/mesh/testing/test-support';
import { sha256OfFile } from '../mesh/download-part';
import { ORPHAN_AGE_MS, removeOrphans } from '../mesh/pull-destinations';
import { runCli } from './meshwork';

let t: TestNode;
let proxy: Server;
let proxyUrl: string;
/** Range headers of the part downloads that went through the proxy. */
const ranges: Array<string | null> = [];

beforeAll(async () => {
  t = await startTestNode();
  // Forwards to the mesh node and notes how each file was asked for.
  proxy = createServer((req, res) => {
    void (async () => {
      if (req.url?.startsWith('/v1/files/')) ranges.push(req.headers.range ?? null);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host') headers[k] = v;
      const answer = await fetch(`${t.node.url}${req.url}`, { headers });
      const out: Record<string, string> = {};
      answer.headers.forEach((v, k) => {
        if (k !== 'content-encoding' && k !== 'transfer-encoding') out[k] = v;
      });
      res.writeHead(answer.status, out);
      res.end(Buffer.from(await answer.arrayBuffer()));
    })().catch(() => res.destroy());
  });
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await new Promise((done) => proxy?.close(done));
  await t?.dispose();
});

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

/** A pid that is certainly not running: a child that has already exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('meshwork pull staging', () => {
  it('resumes a killed pull from the bytes on disk, then removes the staging folder', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mw-resume-'));
    const manifest = (await (
      await fetch(`${t.node.url}/v1/products/conversions/extract`, { headers: { authorization: `Bearer ${t.node.tokens.analyst}` } })
    ).json()) as {
      version: string;
      files: Array<{ name: string; url: string; sha256: string; bytes: number }>;
    };
    const part = manifest.files[0]!;
    const bytes = Buffer.from(
      await (await fetch(new URL(part.url, t.node.url), { headers: { authorization: `Bearer ${t.node.tokens.analyst}` } })).arrayBuffer(),
    );
    // What a pull killed half-way through its first part leaves behind.
    const staging = join(out, `.meshwork-pull-conversions@${manifest.version}`);
    mkdirSync(join(staging, 'conversions'), { recursive: true });
    const half = Math.floor(part.bytes / 2);
    writeFileSync(join(staging, 'conversions', part.name), bytes.subarray(0, half));
    writeFileSync(join(staging, 'owner.pid'), String(deadPid()));

    ranges.length = 0;
    const r = await cli(['pull', '--mesh', proxyUrl, '--token', t.node.tokens.analyst, '--product', 'conversions', '--out', out]);
    expect(r.code).toBe(0);
    expect(ranges[0]).toBe(`bytes=${half}-`);
    expect(await sha256OfFile(join(out, 'conversions', part.name))).toBe(part.sha256);
    expect(readdirSync(out)).toEqual(['conversions']);
    rmSync(out, { recursive: true, force: true });
  });

  it('removes staging and set-aside folders untouched for a day, keeps recent ones', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mw-orphans-'));
    const old = join(out, '.meshwork-pull-events@v1');
    const oldDisplaced = join(out, '.meshwork-old-events-1234');
    const recent = join(out, '.meshwork-pull-touchpoints@v7');
    for (const d of [old, oldDisplaced, recent]) mkdirSync(join(d, 'x'), { recursive: true });
    writeFileSync(join(old, 'x', 'part.parquet'), 'partial');
    writeFileSync(join(recent, 'x', 'part.parquet'), 'partial');
    const dayAndABitAgo = new Date(Date.now() - ORPHAN_AGE_MS - 60_000);
    for (const p of [join(old, 'x', 'part.parquet'), join(old, 'x'), old, join(oldDisplaced, 'x'), oldDisplaced]) utimesSync(p, dayAndABitAgo, dayAndABitAgo);
    mkdirSync(join(out, 'customers'));
    expect((await removeOrphans(out)).sort()).toEqual([oldDisplaced, old].sort());
    expect(existsSync(recent)).toBe(true);
    expect(readFileSync(join(recent, 'x', 'part.parquet'), 'utf8')).toBe('partial');
    expect(readdirSync(out).sort()).toEqual(['.meshwork-pull-touchpoints@v7', 'customers']);
    // A pull into that folder does the same on its way in.
    utimesSync(join(recent, 'x', 'part.parquet'), dayAndABitAgo, dayAndABitAgo);
    for (const p of [join(recent, 'x'), recent]) utimesSync(p, dayAndABitAgo, dayAndABitAgo);
    expect((await cli(['pull', '--mesh', t.node.url, '--token', t.node.tokens.analyst, '--product', 'experiment_assignments', '--out', out])).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['customers', 'experiment_assignments']);
    rmSync(out, { recursive: true, force: true });
  });
});
