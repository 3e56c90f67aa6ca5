import { isErrorCode, type ErrorCode } from '../../shared/errors';
import type { z } from 'zod';
import { apiErrorSchema, IDEMPOTENCY_HEADER } from '../../shared/mesh-api';
import { consentRefusal } from './consent-refusal';
import { MeshError, isRetryableStatus, withMessage } from './mesh-error';
import { redactText } from './redact';

export interface MeshEndpoint {
  url: string;
  token: string;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  idempotencyKey?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** Resolves a URL the mesh gave (possibly relative, e.g. a manifest file url) against the mesh. */
export function resolveMeshUrl(endpoint: MeshEndpoint, pathOrUrl: string): string {
  return new URL(pathOrUrl, endpoint.url.endsWith('/') ? endpoint.url : `${endpoint.url}/`).toString();
}

/**
 * Joins an API path (`/v1/me`) to the mesh URL, keeping a path prefix the mesh may live under
 * (`https://host/mesh` + `/v1/me` is `https://host/mesh/v1/me`, not `https://host/v1/me`).
 */
export function meshApiUrl(endpoint: MeshEndpoint, apiPath: string): string {
  if (/^https?:\/\//i.test(apiPath)) return apiPath;
  return resolveMeshUrl(endpoint, apiPath.replace(/^\/+/, ''));
}

/**
 * The bearer token goes only to the mesh's own origin: a manifest may point its parts at
 * another host (a CDN, signed storage URLs), which must never see the user's token.
 */
export function authHeaders(endpoint: MeshEndpoint, url: string): Record<string, string> {
  return sameMesh(new URL(url), new URL(endpoint.url)) ? { authorization: `Bearer ${endpoint.token}` } : {};
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Same origin, where `localhost`, `127.0.0.1` and `::1` on one port count as one local mesh. */
function sameMesh(a: URL, b: URL): boolean {
  if (a.origin === b.origin) return true;
  return a.protocol === b.protocol && a.port === b.port && LOOPBACK.has(a.hostname) && LOOPBACK.has(b.hostname);
}

/** A mesh asking for more than this is waited on for this long, so no call hangs for hours. */
const MAX_RETRY_AFTER_SECONDS = 300;

export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header || !header.trim()) return null;
  const seconds = Number(header);
  const wait = Number.isFinite(seconds) ? seconds : (Date.parse(header) - now) / 1000;
  return Number.isNaN(wait) ? null : Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(0, wait));
}

/** Turns any fetch failure into a MeshError (network errors and timeouts: offline, retryable). */
export function networkError(error: unknown, url: string): MeshError {
  if (error instanceof MeshError) return error;
  const aborted = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
  // Node's fetch quotes a URL with user-info whole when it refuses it: never repeat that.
  const detail = redactText(error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error));
  return new MeshError(
    null,
    aborted ? 'timeout' : 'offline',
    aborted
      ? `The mesh at ${new URL(url).origin} did not answer in time.`
      : `Cannot reach the mesh at ${new URL(url).origin} (${detail}). Check your connection; Meshwork keeps working offline from cached extracts.`,
    true,
  );
}

/** Reads a non-2xx answer as the mesh's `{"error":{code,message}}` where it is one. */
export async function errorFromResponse(response: Response): Promise<MeshError> {
  let code: ErrorCode = `http_${response.status}`;
  let message = `The mesh answered ${response.status} ${response.statusText}.`;
  try {
    const body: unknown = await response.json();
    const consent = consentRefusal(response.status, body);
    if (consent) return consent;
    const parsed = apiErrorSchema.safeParse(body);
    if (parsed.success) {
      // A code this client does not know (a richer mesh) is reported as a refusal; the message stays.
      code = isErrorCode(parsed.data.error.code) ? parsed.data.error.code : 'mesh_refused';
      message = parsed.data.error.message;
    }
  } catch {
    // Not JSON: keep the status line.
  }
  return new MeshError(response.status, code, message, isRetryableStatus(response.status), parseRetryAfter(response.headers.get('retry-after')));
}

/**
 * A failure's message without the endpoint's token or any credentials in a URL: a mesh may
 * echo what it was sent, and messages end up on screens, in stderr and in logs.
 */
export function redactedFailure(error: unknown, endpoint: MeshEndpoint): unknown {
  return error instanceof MeshError ? withMessage(error, (text) => redactText(text, [endpoint.token])) : error;
}

/** One JSON call to the mesh, with bearer auth and a timeout; the answer is parsed with `schema`. */
export async function meshJson<S extends z.ZodType>(endpoint: MeshEndpoint, path: string, schema: S, options: RequestOptions = {}): Promise<z.output<S>> {
  try {
    return await meshJsonUnredacted(endpoint, path, schema, options);
  } catch (error) {
    throw redactedFailure(error, endpoint);
  }
}

async function meshJsonUnredacted<S extends z.ZodType>(endpoint: MeshEndpoint, path: string, schema: S, options: RequestOptions): Promise<z.output<S>> {
  const url = meshApiUrl(endpoint, path);
  const headers: Record<string, string> = { ...authHeaders(endpoint, url), accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers[IDEMPOTENCY_HEADER.toLowerCase()] = options.idempotencyKey;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw new MeshError(null, 'cancelled', 'Cancelled.', false);
    throw networkError(error, url);
  }
  if (!response.ok) throw await errorFromResponse(response);
  let json: unknown;
  try {
    json = await response.json();
  } catch (error) {
    throw networkError(error, url);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MeshError(
      response.status,
      'bad_answer',
      `The mesh's answer to ${path} is not what Mesh API v1 promises (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}).`,
      false,
    );
  }
  return parsed.data;
}
