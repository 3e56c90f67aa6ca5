/**
 * The browser host: serves the built renderer on 127.0.0.1 and exposes the same IPC
 * contract over HTTP (POST /api/<domain>/<method>, JSON in, JSON out) plus the contract's
 * events as server-sent events. A thin adapter over the same app core as Electron main.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ensurePrivateDirSync } from '../fs/private-fs';
import { createAppCore } from '../app/app-core';
import { createDispatcher } from '../ipc/dispatcher';
import { CONTENT_SECURITY_POLICY, mimeTypeOf, resolveAppAsset } from '../electron/trusted-url';
import { decodeWire, encodeWire } from '../../shared/ipc/wire';
import { parseWebHostArgs } from './web-host-args';
import { AppEvents } from '../app/app-events';
import { startServices } from '../app/start-services';
import { nodeEngineTransport } from '../app/node-engine-transport';
import { FileKeySecretBox } from '../mesh/secret-box';
import { redactText } from '../mesh/redact';
import { configureLogging, getLogger, workspaceLogFile } from '../logging/logger';
import { authCookie, isAuthenticated, newHostToken, tokensEqual, UNAUTHORIZED_MESSAGE, withoutToken } from './host-auth';

const log = getLogger('web-host');

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface WebHost {
  /** The host's origin, `http://127.0.0.1:<port>` (requests to it need the token). */
  url: string;
  /** This run's secret (see host-auth.ts). */
  token: string;
  /** The link to open in a browser: the origin with `?token=`, exchanged for a cookie on load. */
  openUrl: string;
  close: () => Promise<void>;
}

export interface WebHostOptions {
  port: number;
  dataDir: string;
  rendererDir: string;
  /** Connect to this mesh as this user; otherwise the embedded demo mesh. */
  mesh?: { url: string; token: string } | undefined;
  demoCustomers?: number | undefined;
  /** This run's secret; a fresh random one unless given (tests). */
  token?: string | undefined;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  ensurePrivateDirSync(options.dataDir);
  const events = new AppEvents();
  const services = await startServices({
    dataDir: options.dataDir,
    events,
    // No OS keychain outside Electron: tokens are sealed with a key file (see secret-box.ts).
    secretBox: new FileKeySecretBox(join(options.dataDir, 'keys', 'secret.key')),
    engineTransport: nodeEngineTransport,
    mesh: options.mesh,
    demoCustomers: options.demoCustomers,
  });
  const core = createAppCore(
    { kind: 'web', version: process.env.npm_package_version ?? '0.0.0', dataDir: options.dataDir, openExternal: async () => false },
    services,
    events,
  );
  const token = options.token ?? newHostToken();
  const dispatch = createDispatcher(core.handlers);
  const sseClients = new Set<ServerResponse>();
  core.events.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${encodeWire(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error('a request failed', { err: error, method: req.method, path: (req.url ?? '').split('?')[0] });
      if (!res.headersSent)
        send(res, 500, { ok: false, error: { code: 'internal_error', message: redactText(String(error), options.mesh ? [options.mesh.token] : []) } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!isLocalRequest(req, server.address())) {
      send(res, 403, { ok: false, error: { code: 'forbidden', message: 'The browser host only answers pages it served itself.' } });
      return;
    }
    const port = portOf(server.address());
    const offered = url.searchParams.get('token');
    if (offered !== null && !url.pathname.startsWith('/api/') && (req.method === 'GET' || req.method === 'HEAD')) {
      // First load from the printed link: trade the token for a cookie and drop it from the URL.
      if (!tokensEqual(offered, token)) {
        sendUnauthorized(res);
        return;
      }
      res.writeHead(302, { location: withoutToken(url), 'set-cookie': authCookie(port, token), 'cache-control': 'no-store' });
      res.end();
      return;
    }
    if (!isAuthenticated(req, port, token)) {
      sendUnauthorized(res);
      return;
    }
    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    const match = /^\/api\/([a-zA-Z]+)\/([a-zA-Z]+)$/.exec(url.pathname);
    if (match) {
      if (!isSameOriginApiCall(req, server.address())) {
        send(res, 403, { ok: false, error: { code: 'forbidden', message: 'API calls must come from the Meshwork page itself, as JSON.' } });
        return;
      }
      if (req.method !== 'POST') {
        send(res, 405, { ok: false, error: { code: 'method_not_allowed', message: 'Use POST for API calls.' } });
        return;
      }
      const body = await readBody(req);
      if (body === null) {
        send(res, 413, { ok: false, error: { code: 'too_large', message: `Request bodies are limited to ${MAX_BODY_BYTES} bytes.` } });
        return;
      }
      let input: unknown;
      try {
        input = body.length === 0 ? {} : decodeWire(body);
      } catch {
        send(res, 400, { ok: false, error: { code: 'invalid_json', message: 'The request body is not valid JSON.' } });
        return;
      }
      const result = await dispatch(match[1]!, match[2]!, input);
      send(res, 200, result);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, { ok: false, error: { code: 'method_not_allowed', message: 'Only GET is served here.' } });
      return;
    }
    const file = resolveAppAsset(options.rendererDir, `app://meshwork${url.pathname}`);
    if (!file) {
      res.writeHead(404).end('Not found');
      return;
    }
    try {
      const content = await readFile(file);
      res.writeHead(200, {
        'content-type': mimeTypeOf(file),
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : content);
    } catch {
      res.writeHead(404).end('Not found');
    }
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolveListen());
  });
  const port = portOf(server.address()) || options.port;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    openUrl: `http://127.0.0.1:${port}/?token=${token}`,
    close: async () => {
      for (const client of sseClients) client.end();
      await new Promise<void>((done) => server.close(() => done()));
      await services.close();
    },
  };
}

function portOf(address: ReturnType<Server['address']>): number {
  return typeof address === 'object' && address ? address.port : 0;
}

function sendUnauthorized(res: ServerResponse): void {
  res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'www-authenticate': 'Bearer realm="meshwork"' });
  res.end(UNAUTHORIZED_MESSAGE);
}

/** Refuses requests whose Host header is not our loopback address (DNS rebinding). */
function isLocalRequest(req: IncomingMessage, address: ReturnType<Server['address']>): boolean {
  const host = req.headers.host ?? '';
  const port = typeof address === 'object' && address ? address.port : 0;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/**
 * Cross-site request forgery guard: another site open in the same browser can send "simple"
 * POSTs (text/plain) to 127.0.0.1 without a CORS preflight. API calls must be JSON (which forces
 * a preflight we never grant) and, where the browser names an Origin, come from our own.
 */
function isSameOriginApiCall(req: IncomingMessage, address: ReturnType<Server['address']>): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const port = typeof address === 'object' && address ? address.port : 0;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(encodeWire(body));
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const isEntryPoint = process.argv[1] !== undefined && /web-host\.(ts|js)$/.test(process.argv[1]);
if (isEntryPoint) {
  const args = parseWebHostArgs(process.argv.slice(2), process.env);
  if (!args.ok) {
    process.stderr.write(`${args.message}\n`);
    process.exit(2);
  }
  const root = resolve(import.meta.dirname, '../..');
  configureLogging({ kind: 'file', file: workspaceLogFile(args.dataDir) });
  startWebHost({ port: args.port, dataDir: args.dataDir, rendererDir: join(root, 'out/renderer'), mesh: args.mesh, demoCustomers: args.demoCustomers }).then(
    (host) => {
      process.stdout.write(`Meshwork is running at ${host.openUrl}\n`);
      // host.url, not openUrl: the latter carries the page's access token.
      log.info('browser host listening', { url: host.url });
      const stop = () => void host.close().then(() => process.exit(0));
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    },
    (error: unknown) => {
      log.error('could not start', { err: error });
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`The browser host could not start: ${redactText(message, args.mesh ? [args.mesh.token] : [])}\n`);
      process.exit(1);
    },
  );
}
