/**
 * Disk problems during a pull are said in plain words: a full disk is not "the connection
 * dropped", a read-only folder is not "no such file or directory".
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiskError, checkWritable, diskError } from './disk-error';
import { downloadPart } from './download-part';

const content = randomBytes(256 * 1024);
const sha256 = createHash('sha256').update(content).digest('hex');
let server: Server | null = null;
const dir = mkdtempSync(join(tmpdir(), 'mw-disk-'));
afterAll(async () => {
  if (server) await new Promise((done) => server!.close(done));
  rmSync(dir, { recursive: true, force: true });
});

const errno = (code: string, path = '/data/out'): NodeJS.ErrnoException => Object.assign(new Error(`${code}: failed, open '${path}'`), { code, path });

describe('diskError', () => {
  it('names a full disk and a read-only or forbidden folder; leaves other errors alone', () => {
    expect(diskError(errno('ENOSPC'), '/data/out')).toMatchObject({
      code: 'disk_full',
      retryable: false,
      offline: false,
      message: expect.stringContaining('The disk holding /data/out is full (ENOSPC)'),
    });
    expect(diskError(errno('EROFS'))).toMatchObject({
      code: 'not_writable',
      message: expect.stringContaining('Cannot write to /data/out: it is on a read-only file system (EROFS)'),
    });
    expect(diskError(errno('EACCES'))?.message).toContain('you do not have permission to write there (EACCES)');
    expect(diskError(errno('ECONNRESET'))).toBeNull();
    expect(diskError(new Error('plain'))).toBeNull();
  });

  it.skipIf(process.getuid?.() === 0)('checkWritable refuses a folder without write permission, and a missing folder under it', async () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    try {
      await expect(checkWritable(locked)).rejects.toMatchObject({ code: 'not_writable' });
      await expect(checkWritable(join(locked, 'new', 'deeper'))).rejects.toMatchObject({
        code: 'not_writable',
        message: expect.stringContaining(`(its parent ${locked})`),
      });
    } finally {
      chmodSync(locked, 0o700);
    }
  });

  it('checkWritable accepts a writable folder and a folder still to be created', async () => {
    await expect(checkWritable(dir)).resolves.toBeUndefined();
    await expect(checkWritable(join(dir, 'not', 'yet'))).resolves.toBeUndefined();
    expect(existsSync(join(dir, 'not'))).toBe(false);
  });
});

describe('downloadPart on a full disk', () => {
  it.skipIf(!existsSync('/dev/full'))('reports ENOSPC as a full disk at once, not as a dropped connection after retries', async () => {
    let requests = 0;
    server = createServer((_req, res) => {
      requests++;
      res.writeHead(200, { 'content-length': String(content.length) });
      res.end(content);
    });
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // /dev/full accepts open() and fails every write with ENOSPC: a disk that is full.
    const failure = await downloadPart({
      endpoint: { url, token: 't' },
      file: { name: 'p.parquet', url: '/p.parquet', sha256, bytes: content.length },
      target: '/dev/full',
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DiskError);
    expect(failure).toMatchObject({ code: 'disk_full', retryable: false, message: expect.stringContaining('is full (ENOSPC)') });
    expect((failure as Error).message).not.toContain('connection');
    expect(requests).toBe(1);
  });
});
