import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { authHeaders, meshApiUrl, meshJson, parseRetryAfter } from './mesh-http';

let server: Server;
let url = '';
const seenPaths: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seenPaths.push(req.url ?? '');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.url?.endsWith('/v1/me')) return send(200, { user: 'maya', roles: ['marketer'], purposes: ['ads'], pii_access: false });
    if (req.url?.endsWith('/conflict')) return send(409, { error: { code: 'not_approved', message: 'Version 2 is pending approval.' } });
    if (req.url?.endsWith('/busy')) return send(429, { error: { code: 'rate_limited', message: 'Slow down.' } }, { 'retry-after': '7' });
    if (req.url?.endsWith('/broken')) return send(200, { user: 42 });
    // A careless mesh that quotes the credentials it was sent.
    if (req.url?.endsWith('/echo'))
      return send(401, { error: { code: 'bad_token', message: `Token ${req.headers.authorization?.slice(7)} is unknown (${req.headers.authorization}).` } });
    res.writeHead(502);
    res.end('<html>bad gateway</html>');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

const anything = z.unknown();

describe('mesh calls', () => {
  it('keeps a path prefix the mesh lives under', async () => {
    expect(meshApiUrl({ url: 'https://example.com/mesh', token: '' }, '/v1/me')).toBe('https://example.com/mesh/v1/me');
    await meshJson({ url: `${url}/team-a/`, token: 't' }, '/v1/me', anything);
    expect(seenPaths.at(-1)).toBe('/team-a/v1/me');
  });

  it("classifies answers: the mesh's own message for a 4xx, retryable 5xx and 429 with Retry-After", async () => {
    const endpoint = { url, token: 't' };
    await expect(meshJson(endpoint, '/conflict', anything)).rejects.toMatchObject({
      status: 409,
      code: 'not_approved',
      message: 'Version 2 is pending approval.',
      retryable: false,
      offline: false,
    });
    await expect(meshJson(endpoint, '/busy', anything)).rejects.toMatchObject({ status: 429, retryable: true, retryAfterSeconds: 7 });
    await expect(meshJson(endpoint, '/gateway', anything)).rejects.toMatchObject({ status: 502, code: 'http_502', retryable: true });
    await expect(meshJson(endpoint, '/broken', z.object({ user: z.string() }))).rejects.toMatchObject({
      code: 'bad_answer',
      message: expect.stringMatching(/user/),
    });
  });

  it('fails fast and says offline when nothing answers', async () => {
    const started = Date.now();
    await expect(meshJson({ url: 'http://127.0.0.1:9', token: 't' }, '/v1/me', anything)).rejects.toMatchObject({
      code: 'offline',
      offline: true,
      retryable: true,
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('sends the token to the mesh, under any loopback name for a local one, and nowhere else', () => {
    const local = { url: 'http://localhost:8080', token: 't' };
    expect(authHeaders(local, 'http://127.0.0.1:8080/v1/files/a')).toEqual({ authorization: 'Bearer t' });
    expect(authHeaders(local, 'http://127.0.0.1:9090/v1/files/a')).toEqual({});
    expect(authHeaders({ url: 'https://mesh.example.com', token: 't' }, 'https://cdn.example.com/a.parquet')).toEqual({});
    expect(authHeaders({ url: 'https://mesh.example.com', token: 't' }, 'http://mesh.example.com/a.parquet')).toEqual({});
  });

  it('never puts the token in an error message, even when the mesh echoes it', async () => {
    const token = 'sekrit-token-123456';
    const error = (await meshJson({ url, token }, '/echo', anything).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/is unknown/);
    expect(error.message).not.toContain(token);
  });

  it('never repeats credentials carried in a mesh URL (http://user:secret@host)', async () => {
    for (const meshUrl of ['http://maya:hunter2-secret@127.0.0.1:9', `http://tok-abcdef123456@${url.slice('http://'.length)}`]) {
      const error = (await meshJson({ url: meshUrl, token: 't' }, '/v1/me', anything).catch((e: unknown) => e)) as Error;
      expect(error.message).not.toMatch(/hunter2-secret|tok-abcdef123456/);
    }
  });

  it('reads Retry-After as seconds or a date, and caps it', () => {
    const now = Date.parse('2026-11-24T00:00:00Z');
    expect(parseRetryAfter('12', now)).toBe(12);
    expect(parseRetryAfter('Tue, 24 Nov 2026 00:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter('86400', now)).toBe(300);
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
