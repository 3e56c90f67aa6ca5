/**
 * The recipient side of the Delta Sharing REST API: list shares, schemas and tables (following
 * nextPageToken), the table version, its metadata and a query for its files. Every failure is a
 * MeshError whose message never carries the bearer token or a pre-signed URL.
 */
import type { z } from 'zod';
import { deliverWithRetry } from '../backoff';
import { MeshError, isRetryableStatus } from '../mesh-error';
import { networkError, parseRetryAfter } from '../mesh-http';
import { redactText } from '../redact';
import type { SharingProfile } from './profile';
import {
  READER_VERSION,
  fileSchema,
  metaDataSchema,
  protocolLineSchema,
  schemaListSchema,
  shareListSchema,
  sharingErrorSchema,
  tableListSchema,
  type SharedFileLine,
  type SharedTableRef,
  type TableMetaData,
} from './protocol';

const TIMEOUT_MS = 30_000;
/** A server that keeps sending page tokens is stopped here rather than looping forever. */
const MAX_PAGES = 10_000;

export interface QueryBody {
  predicateHints?: string[];
  jsonPredicateHints?: string;
  limitHint?: number;
}

export interface TableQuery {
  version: number;
  metaData: TableMetaData;
  files: SharedFileLine[];
}

function tablePath(t: SharedTableRef): string {
  return `/shares/${encodeURIComponent(t.share)}/schemas/${encodeURIComponent(t.schema)}/tables/${encodeURIComponent(t.name)}`;
}

function describeStatus(status: number, errorCode: string, message: string): MeshError {
  if (status === 401) {
    return new MeshError(
      401,
      'credentials_rejected',
      `The sharing server refused the profile's bearer token (${errorCode}: ${message}). It is wrong or has expired; ask the data provider for a new profile file.`,
      false,
    );
  }
  if (status === 403)
    return new MeshError(403, 'permission_denied', `The sharing server does not let this recipient do that (${errorCode}: ${message}).`, false);
  if (status === 404)
    return new MeshError(
      404,
      'not_found',
      `The sharing server has no such share, schema or table, or this recipient cannot see it (${errorCode}: ${message}).`,
      false,
    );
  return new MeshError(
    status,
    status >= 500 ? 'server_error' : 'bad_request',
    `The sharing server answered ${status} (${errorCode}: ${message}).`,
    isRetryableStatus(status),
  );
}

export class SharingClient {
  constructor(
    private readonly profile: SharingProfile,
    private readonly signal?: AbortSignal,
  ) {}

  private url(path: string, query: Record<string, string> = {}): string {
    const base = this.profile.endpoint.replace(/\/+$/, '');
    const q = new URLSearchParams(query).toString();
    return `${base}${path}${q ? `?${q}` : ''}`;
  }

  /** One request; non-2xx answers become MeshErrors from the protocol's {errorCode, message}. */
  private async send(method: 'GET' | 'HEAD' | 'POST', path: string, options: { query?: Record<string, string>; body?: unknown } = {}): Promise<Response> {
    const url = this.url(path, options.query);
    const timeout = AbortSignal.timeout(TIMEOUT_MS);
    const signal = this.signal ? AbortSignal.any([this.signal, timeout]) : timeout;
    const headers: Record<string, string> = { authorization: `Bearer ${this.profile.bearerToken}` };
    if (options.body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body: options.body === undefined ? null : JSON.stringify(options.body), signal });
    } catch (error) {
      if (this.signal?.aborted) throw new MeshError(null, 'cancelled', 'Cancelled.', false);
      throw this.redact(networkError(error, url));
    }
    if (response.ok) return response;
    let errorCode = `HTTP_${response.status}`;
    let message = response.statusText;
    try {
      const parsed = sharingErrorSchema.safeParse(await response.json());
      if (parsed.success) ({ errorCode, message } = parsed.data);
    } catch {
      // not JSON: keep the status line
    }
    const failure = describeStatus(response.status, errorCode, message);
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    throw this.redact(retryAfter === null ? failure : new MeshError(failure.status, failure.code, failure.message, failure.retryable, retryAfter));
  }

  private redact(error: MeshError): MeshError {
    const message = redactText(error.message, [this.profile.bearerToken]);
    return message === error.message ? error : new MeshError(error.status, error.code, message, error.retryable, error.retryAfterSeconds);
  }

  /** Reads are idempotent: dropped connections, 5xx and 429 are retried a few times. */
  private retry<T>(send: () => Promise<T>): Promise<T> {
    return deliverWithRetry(send, { maxAttempts: 4, ...(this.signal ? { signal: this.signal } : {}) });
  }

  private async json<S extends z.ZodType>(path: string, schema: S, query: Record<string, string> = {}): Promise<z.output<S>> {
    return this.retry(async () => {
      const response = await this.send('GET', path, { query });
      const parsed = schema.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success)
        throw new MeshError(response.status, 'bad_answer', `The sharing server's answer to ${path} is not what the Delta Sharing protocol defines.`, false);
      return parsed.data;
    });
  }

  /** Every item of a paged list, following nextPageToken (missing or empty means the end). */
  private async all<T>(path: string, schema: z.ZodType<{ items?: T[] | undefined; nextPageToken?: string | undefined }>): Promise<T[]> {
    const items: T[] = [];
    let token: string | undefined;
    const seen = new Set<string>();
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const page = await this.json(path, schema, token ? { pageToken: token } : {});
      items.push(...(page.items ?? []));
      token = page.nextPageToken;
      if (!token) return items;
      if (seen.has(token)) throw new MeshError(200, 'bad_answer', `The sharing server repeated a page token while listing ${path}.`, false);
      seen.add(token);
    }
    throw new MeshError(200, 'bad_answer', `The sharing server sent more than ${MAX_PAGES} pages for ${path}.`, false);
  }

  listShares(): Promise<{ name: string; id?: string | undefined }[]> {
    return this.all('/shares', shareListSchema);
  }

  listSchemas(share: string): Promise<{ name: string; share: string }[]> {
    return this.all(`/shares/${encodeURIComponent(share)}/schemas`, schemaListSchema);
  }

  listTables(share: string, schema: string): Promise<SharedTableRef[]> {
    return this.all(`/shares/${encodeURIComponent(share)}/schemas/${encodeURIComponent(schema)}/tables`, tableListSchema);
  }

  /** Every table of every share this recipient can see. */
  async listAllTables(): Promise<SharedTableRef[]> {
    const tables: SharedTableRef[] = [];
    for (const share of await this.listShares()) tables.push(...(await this.all(`/shares/${encodeURIComponent(share.name)}/all-tables`, tableListSchema)));
    return tables;
  }

  async tableVersion(table: SharedTableRef): Promise<number> {
    return this.retry(async () => {
      const response = await this.send('GET', `${tablePath(table)}/version`);
      await response.body?.cancel();
      return versionHeader(response);
    });
  }

  async metadata(table: SharedTableRef): Promise<{ version: number; metaData: TableMetaData }> {
    return this.retry(async () => {
      const response = await this.send('GET', `${tablePath(table)}/metadata`);
      const lines = await readLines(response);
      return { version: versionHeader(response), metaData: lines.metaData };
    });
  }

  /** POST .../query: the table's current files (after the server's best-effort filtering). */
  async query(table: SharedTableRef, body: QueryBody = {}): Promise<TableQuery> {
    return this.retry(async () => {
      const response = await this.send('POST', `${tablePath(table)}/query`, { body });
      const lines = await readLines(response);
      return { version: versionHeader(response), metaData: lines.metaData, files: lines.files };
    });
  }
}

function versionHeader(response: Response): number {
  const raw = response.headers.get('delta-table-version');
  if (raw === null || !/^\d+$/.test(raw.trim()))
    throw new MeshError(response.status, 'bad_answer', 'The sharing server sent no Delta-Table-Version header.', false);
  return Number(raw.trim());
}

/** The NDJSON body: a protocol line, a metaData line, then file lines (order of files does not matter). */
async function readLines(response: Response): Promise<{ metaData: TableMetaData; files: SharedFileLine[] }> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw networkError(error, response.url);
  }
  let protocolSeen = false;
  let metaData: TableMetaData | null = null;
  const files: SharedFileLine[] = [];
  const bad = (why: string) =>
    new MeshError(response.status, 'bad_answer', `The sharing server's table answer is not valid Delta Sharing NDJSON: ${why}.`, false);
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let wrapper: Record<string, unknown>;
    try {
      wrapper = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw bad(`line ${index + 1} is not JSON`);
    }
    if ('protocol' in wrapper) {
      const p = protocolLineSchema.safeParse(wrapper.protocol);
      if (!p.success) throw bad('the protocol line has no minReaderVersion');
      if (p.data.minReaderVersion > READER_VERSION) {
        throw new MeshError(
          response.status,
          'unsupported_protocol',
          `This table needs a Delta Sharing reader of version ${p.data.minReaderVersion}; Meshwork reads version ${READER_VERSION}. Upgrade Meshwork to read it.`,
          false,
        );
      }
      protocolSeen = true;
    } else if ('metaData' in wrapper) {
      const m = metaDataSchema.safeParse(wrapper.metaData);
      if (!m.success) throw bad(`the metaData line is incomplete (${m.error.issues[0]?.path.join('.') ?? ''})`);
      metaData = m.data;
    } else if ('file' in wrapper) {
      const f = fileSchema.safeParse(wrapper.file);
      if (!f.success) throw bad(`file line ${index + 1} is incomplete (${f.error.issues[0]?.path.join('.') ?? ''})`);
      files.push(f.data);
    }
    // Other wrappers (add, cdf, remove) belong to change-data queries this client does not make.
  }
  if (!protocolSeen) throw bad('there is no protocol line');
  if (!metaData) throw bad('there is no metaData line');
  if (metaData.format.provider.toLowerCase() !== 'parquet') {
    throw new MeshError(response.status, 'unsupported_format', `The table's files are ${metaData.format.provider}; Meshwork reads Parquet tables only.`, false);
  }
  return { metaData, files };
}
