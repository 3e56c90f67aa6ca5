import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PRIVATE_FILE_MODE } from '../fs/private-fs';
import { diskError } from './disk-error';
import { MeshError } from './mesh-error';
import { authHeaders, errorFromResponse, networkError, redactedFailure, resolveMeshUrl, type MeshEndpoint } from './mesh-http';
import type { ManifestFile } from '../../shared/mesh-api';

export interface PartProgress {
  /** Bytes of this part on disk so far (resumed bytes included). */
  bytes: number;
}

export interface DownloadPartOptions {
  endpoint: MeshEndpoint;
  file: ManifestFile;
  /** Where the part is written; a partial file here from an earlier try is resumed with Range. */
  target: string;
  /** ETag of an identical part we already hold: a 304 means "reuse it". */
  knownEtag?: string;
  signal?: AbortSignal;
  onBytes?: (p: PartProgress) => void;
  /** Attempts per part on a dropped connection (each resumes where the last stopped). */
  maxAttempts?: number;
}

export type DownloadOutcome = { kind: 'downloaded'; etag: string | null } | { kind: 'not_modified' };

function rangeStart(contentRange: string | null): number | null {
  const match = /^bytes (\d+)-\d+\/(?:\d+|\*)$/.exec(contentRange?.trim() ?? '');
  return match ? Number(match[1]) : null;
}

async function sizeOf(path: string): Promise<number> {
  return stat(path).then(
    (s) => s.size,
    () => 0,
  );
}

/**
 * Downloads one extract part with resume: an interrupted transfer continues from the bytes
 * already on disk (`Range` + `If-Range` so a new version on the mesh restarts it cleanly).
 */
export async function downloadPart(options: DownloadPartOptions): Promise<DownloadOutcome> {
  const url = resolveMeshUrl(options.endpoint, options.file.url);
  const maxAttempts = options.maxAttempts ?? 5;
  let etag: string | null = null;
  for (let attempt = 1; ; attempt++) {
    const have = await sizeOf(options.target);
    if (have === options.file.bytes && have > 0 && attempt > 1) return { kind: 'downloaded', etag };
    const headers: Record<string, string> = authHeaders(options.endpoint, url);
    if (options.knownEtag && have === 0) headers['if-none-match'] = options.knownEtag;
    if (have > 0 && have < options.file.bytes) {
      headers.range = `bytes=${have}-`;
      if (etag) headers['if-range'] = etag;
    }
    try {
      const response = await fetch(url, { headers, signal: options.signal ?? null });
      if (response.status === 304) return { kind: 'not_modified' };
      if (!response.ok) throw await errorFromResponse(response);
      etag = response.headers.get('etag');
      // Append only when the mesh sent exactly the bytes after ours; anything else starts over.
      const append = response.status === 206 && rangeStart(response.headers.get('content-range')) === have;
      if (response.status === 206 && !append) {
        await response.body?.cancel();
        await rm(options.target, { force: true });
        throw new MeshError(
          response.status,
          'bad_range',
          `The mesh answered a resume of ${options.file.name} with the wrong byte range; starting that part again.`,
          true,
        );
      }
      // The disk, not the network: a full disk or a read-only folder is said as such (disk-error.ts).
      const onDisk = async <T>(step: () => Promise<T>): Promise<T> => {
        try {
          return await step();
        } catch (error) {
          throw diskError(error, dirname(options.target)) ?? error;
        }
      };
      // Customer rows: readable by this user only (private-fs.ts).
      const handle = await onDisk(() => open(options.target, append ? 'a' : 'w', PRIVATE_FILE_MODE));
      let written = append ? have : 0;
      try {
        if (!response.body) throw new MeshError(response.status, 'empty_body', 'The mesh sent no file content.', true);
        let dropped: string | null = null;
        try {
          for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
            await onDisk(() => handle.write(chunk));
            written += chunk.byteLength;
            options.onBytes?.({ bytes: written });
          }
        } catch (error) {
          if (options.signal?.aborted || error instanceof MeshError) throw error;
          // The mesh answered and then the connection dropped: a truncated transfer, not "offline".
          dropped = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
        }
        await onDisk(() => handle.sync());
        if (written < options.file.bytes) {
          throw new MeshError(
            response.status,
            'truncated',
            `The download of ${options.file.name} stopped after ${written} of ${options.file.bytes} bytes${dropped ? ` (${dropped})` : ''}. The connection dropped each time; try the pull again.`,
            true,
          );
        }
      } finally {
        await handle.close();
      }
      return { kind: 'downloaded', etag };
    } catch (error) {
      if (options.signal?.aborted) throw new MeshError(null, 'cancelled', 'The pull was cancelled.', false);
      const failure = error instanceof MeshError ? error : networkError(error, url);
      if (!failure.retryable || attempt >= maxAttempts) throw redactedFailure(failure, options.endpoint);
      await new Promise((done) => setTimeout(done, Math.min(2000, 200 * 2 ** (attempt - 1))));
    }
  }
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
