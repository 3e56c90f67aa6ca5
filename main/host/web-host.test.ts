import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from './web-host';

process.env.MESHWORK_ENGINE_FROM_SOURCE = '1';
let host: WebHost;

beforeAll(async () => {
  host = await startWebHost({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'mw-host-')), rendererDir: resolve(import.meta.dirname, '../../renderer'), demoCustomers: 200 });
}, 120_000);
afterAll(async () => host?.close());

describe('browser host', () => {
  it('answers contract calls with the contract envelope', async () => {
    const r = await fetch(`${host.url}/api/app/info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const body = (await r.json()) as { ok: boolean; value: { host: string } };
    expect(body).toMatchObject({ ok: true, value: { host: 'web' } });
  });

  it('rejects bad input at the boundary with the field named', async () => {
    const r = await fetch(`${host.url}/api/workspace/rename`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'x', name: '' }) });
    const body = (await r.json()) as { ok: boolean; error: { code: string; message: string } };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toMatch(/name/);
  });

  it('refuses cross-site requests: text/plain bodies and foreign origins', async () => {
    const plain = await fetch(`${host.url}/api/app/info`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(plain.status).toBe(403);
    const foreign = await fetch(`${host.url}/api/app/info`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{}' });
    expect(foreign.status).toBe(403);
  });

  it('does not serve files outside the renderer folder', async () => {
    const r = await fetch(`${host.url}/..%2f..%2fpackage.json`);
    expect(r.status).toBe(404);
  });
});
