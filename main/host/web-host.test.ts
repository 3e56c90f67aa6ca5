import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from './web-host';

process.env.MESHWORK_ENGINE_FROM_SOURCE = '1';
let host: WebHost;
let auth: Record<string, string>;
// A folder the host creates itself (mkdtemp's own folder is already 0700).
const dataDir = join(mkdtempSync(join(tmpdir(), 'mw-host-')), 'workspace');

beforeAll(async () => {
  host = await startWebHost({ port: 0, dataDir, rendererDir: resolve(import.meta.dirname, '../../renderer'), demoCustomers: 200 });
  auth = { authorization: `Bearer ${host.token}` };
}, 120_000);
afterAll(async () => host?.close());

describe('browser host', () => {
  it('answers contract calls with the contract envelope', async () => {
    const r = await fetch(`${host.url}/api/app/info`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: '{}' });
    const body = (await r.json()) as { ok: boolean; value: { host: string } };
    expect(body).toMatchObject({ ok: true, value: { host: 'web' } });
  });

  it('rejects bad input at the boundary with the field named', async () => {
    const r = await fetch(`${host.url}/api/workspace/rename`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ id: 'x', name: '' }),
    });
    const body = (await r.json()) as { ok: boolean; error: { code: string; message: string } };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toMatch(/name/);
  });

  it('refuses cross-site requests: text/plain bodies and foreign origins', async () => {
    const plain = await fetch(`${host.url}/api/app/info`, { method: 'POST', headers: { 'content-type': 'text/plain', ...auth }, body: '{}' });
    expect(plain.status).toBe(403);
    const foreign = await fetch(`${host.url}/api/app/info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example', ...auth },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
  });

  it.runIf(process.platform !== 'win32')('keeps the workspace and the embedded demo mesh owner-only (0700)', () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'embedded-mesh')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'workspace.duckdb')).mode & 0o777).toBe(0o600);
  });

  it('does not serve files outside the renderer folder', async () => {
    const r = await fetch(`${host.url}/..%2f..%2fpackage.json`, { headers: auth });
    expect(r.status).toBe(404);
  });
});

describe('browser host authentication (a local account curling the API)', () => {
  it('refuses API calls, the event stream and static files without the token, with 401 and a plain message', async () => {
    const api = await fetch(`${host.url}/api/app/info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await api.text()).toMatch(/token/);
    const events = await fetch(`${host.url}/api/events`);
    expect(events.status).toBe(401);
    await events.body?.cancel();
    const page = await fetch(`${host.url}/`);
    expect(page.status).toBe(401);
    expect(await page.text()).not.toMatch(/<html/i);
  });

  it('refuses a wrong bearer token, a wrong cookie and a wrong token in the URL', async () => {
    const bearer = await fetch(`${host.url}/api/app/info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}x` },
      body: '{}',
    });
    expect(bearer.status).toBe(401);
    const port = new URL(host.url).port;
    const cookie = await fetch(`${host.url}/api/app/info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `meshwork-token-${port}=nope` },
      body: '{}',
    });
    expect(cookie.status).toBe(401);
    const link = await fetch(`${host.url}/?token=nope`, { redirect: 'manual' });
    expect(link.status).toBe(401);
    expect(link.headers.get('set-cookie')).toBeNull();
  });

  it('trades the printed link for an HttpOnly SameSite=Strict cookie and redirects to the clean URL', async () => {
    expect(host.openUrl).toBe(`${host.url}/?token=${host.token}`);
    const first = await fetch(host.openUrl, { redirect: 'manual' });
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('/');
    const setCookie = first.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;
    const page = await fetch(`${host.url}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const api = await fetch(`${host.url}/api/app/info`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{}' });
    expect(api.status).toBe(200);
    const events = await fetch(`${host.url}/api/events`, { headers: { cookie } });
    expect(events.status).toBe(200);
    await events.body?.cancel();
  });

  it('keeps other query parameters when it strips the token', async () => {
    const r = await fetch(`${host.url}/index.html?token=${host.token}&x=1`, { redirect: 'manual' });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/index.html?x=1');
  });

  it('gives every run its own token', async () => {
    const other = await startWebHost({
      port: 0,
      dataDir: mkdtempSync(join(tmpdir(), 'mw-host-')),
      rendererDir: resolve(import.meta.dirname, '../../renderer'),
      demoCustomers: 200,
    });
    try {
      expect(other.token).not.toBe(host.token);
      expect(other.token.length).toBeGreaterThanOrEqual(40);
    } finally {
      await other.close();
    }
  }, 120_000);
});
