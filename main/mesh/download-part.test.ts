import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadPart } from './download-part';

const content = randomBytes(64 * 1024);
const sha256 = createHash('sha256').update(content).digest('hex');

type Behaviour = 'drop_first' | 'wrong_range' | 'plain';

interface FileServer {
  url: string;
  seen: IncomingHttpHeaders[];
  close(): Promise<void>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

/** A tiny file server whose misbehaviour is chosen per test. */
async function fileServer(behaviour: Behaviour, dropWhen?: Promise<void>): Promise<FileServer> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (behaviour === 'drop_first' && seen.length === 1) {
      res.writeHead(200, { 'content-length': String(content.length), etag: '"e1"' });
      // Drop the connection once the client holds the first bytes on disk, as a flaky network
      // does; waiting for the client (not a timer) keeps this deterministic on a loaded machine.
      res.write(content.subarray(0, 20_000), () => void (dropWhen ?? new Promise((r) => setTimeout(r, 50))).then(() => res.destroy()));
      return;
    }
    if (range && behaviour === 'wrong_range') {
      // Claims a partial answer but starts from byte 0: appending it would corrupt the file.
      res.writeHead(206, { 'content-range': `bytes 0-${content.length - 1}/${content.length}`, 'content-length': String(content.length) });
      res.end(content);
      return;
    }
    if (range) {
      const start = Number(range[1]);
      res.writeHead(206, { 'content-range': `bytes ${start}-${content.length - 1}/${content.length}`, etag: '"e1"' });
      res.end(content.subarray(start));
      return;
    }
    res.writeHead(200, { etag: '"e1"' });
    if (behaviour === 'wrong_range' && seen.length === 1) {
      res.write(content.subarray(0, 10_000), () => setTimeout(() => res.destroy(), 50));
      return;
    }
    res.end(content);
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise((done) => server.close(() => done())) };
}

function target(): string {
  return join(mkdtempSync(join(tmpdir(), 'mw-part-')), 'part-0.parquet');
}

describe('downloadPart', () => {
  it('continues a dropped transfer from the bytes on disk with Range', async () => {
    let firstBytesOnDisk!: () => void;
    const server = await fileServer('drop_first', new Promise<void>((r) => (firstBytesOnDisk = r)));
    const path = target();
    const progress: number[] = [];
    await downloadPart({
      endpoint: { url: server.url, token: 't' },
      file: { name: 'part-0.parquet', url: '/f', sha256, bytes: content.length },
      target: path,
      onBytes: (p) => {
        progress.push(p.bytes);
        if (p.bytes >= 20_000) firstBytesOnDisk();
      },
    });
    expect(readFileSync(path).equals(content)).toBe(true);
    expect(server.seen).toHaveLength(2);
    expect(server.seen[1]!.range).toBe('bytes=20000-');
    expect(server.seen[1]!['if-range']).toBe('"e1"');
    expect(progress.at(-1)).toBe(content.length);
  });

  it('starts over instead of appending a partial answer for the wrong range', async () => {
    const server = await fileServer('wrong_range');
    const path = target();
    await downloadPart({ endpoint: { url: server.url, token: 't' }, file: { name: 'part-0.parquet', url: '/f', sha256, bytes: content.length }, target: path });
    expect(readFileSync(path).equals(content)).toBe(true);
  });

  it('sends the bearer token to the mesh only, never to another host a manifest points at', async () => {
    const mesh = await fileServer('plain');
    const elsewhere = await fileServer('plain');
    await downloadPart({
      endpoint: { url: mesh.url, token: 'secret' },
      file: { name: 'a.parquet', url: '/f', sha256, bytes: content.length },
      target: target(),
    });
    await downloadPart({
      endpoint: { url: mesh.url, token: 'secret' },
      file: { name: 'b.parquet', url: `${elsewhere.url}/f`, sha256, bytes: content.length },
      target: target(),
    });
    expect(mesh.seen[0]!.authorization).toBe('Bearer secret');
    expect(elsewhere.seen[0]!.authorization).toBeUndefined();
  });
});
