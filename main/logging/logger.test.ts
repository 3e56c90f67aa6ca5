import { chmodSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { configureLogging, getLogger, LOG_FILE_ENV, workspaceLogFile } from './logger';

function memoryStream(): { stream: Writable; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

afterEach(() => {
  configureLogging({ kind: 'silent' });
  delete process.env[LOG_FILE_ENV];
});

describe('the logger', () => {
  it('is silent until the process configures it', () => {
    const { stream, lines } = memoryStream();
    const log = getLogger('early');
    log.error('before configuration');
    configureLogging({ kind: 'stream', stream });
    // The logger taken before configuration writes to the new target.
    log.error('after configuration');
    expect(lines().map((l) => l.msg)).toEqual(['after configuration']);
    expect(lines()[0]).toMatchObject({ level: 50, module: 'early', name: 'meshwork' });
  });

  it('redacts the message, the fields and the error it is given', () => {
    const { stream, lines } = memoryStream();
    configureLogging({ kind: 'stream', stream });
    const error = new Error('401 from https://ana:pw@mesh.io with Bearer mw_analyst_ABCDEFGHIJKLMNOPQRSTUV');
    getLogger('mesh').error('pull failed for jane@example.com (+1 415 555 0100)', {
      err: error,
      headers: { authorization: 'Bearer zzz' },
      product: 'customers',
    });
    const [line] = lines();
    const text = JSON.stringify(line);
    for (const secret of ['jane@example.com', '415 555', 'ana:pw', 'ABCDEFGHIJKLMNOP', 'zzz']) expect(text).not.toContain(secret);
    expect(line).toMatchObject({ msg: 'pull failed for [redacted] ([redacted])', product: 'customers', headers: { authorization: '[redacted]' } });
    expect((line?.err as Record<string, unknown>).message).toBe('401 from https://[redacted]@mesh.io with Bearer [redacted]');
  });

  it('writes JSON lines to an owner-only file in the workspace and tells forked processes where', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mw-log-'));
    const file = workspaceLogFile(dataDir);
    configureLogging({ kind: 'file', file });
    getLogger('start-services').warn('could not load the pulled data', { product: 'events' });
    expect(process.env[LOG_FILE_ENV]).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const [line] = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(line).toMatchObject({ level: 40, module: 'start-services', msg: 'could not load the pulled data', product: 'events' });
  });

  it('tightens a log file that an earlier version left readable by others', () => {
    if (process.platform === 'win32') return;
    const dataDir = mkdtempSync(join(tmpdir(), 'mw-log-'));
    const file = workspaceLogFile(dataDir);
    configureLogging({ kind: 'file', file });
    configureLogging({ kind: 'silent' });
    chmodSync(file, 0o644);
    configureLogging({ kind: 'file', file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('honours the level it is given', () => {
    const { stream, lines } = memoryStream();
    configureLogging({ kind: 'stream', stream, level: 'warn' });
    getLogger('x').info('not written');
    getLogger('x').debug('not written');
    getLogger('x').warn('written');
    expect(lines().map((l) => l.msg)).toEqual(['written']);
  });
});
