import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { manifestSchema, productListSchema, productSummarySchema, type Manifest, type ManifestFile, type ProductSummary } from '../../shared/mesh-api';
import { odcsContractSchema, type OdcsContract } from '../../shared/contracts/odcs';
import { deliverWithRetry } from './backoff';
import { contractProblems } from './contract-check';
import { MeshError } from './mesh-error';
import { meshJson, type MeshEndpoint } from './mesh-http';
import { downloadPart, sha256OfFile } from './download-part';
import { diskError } from './disk-error';
import type { DescribeParquet } from './describe-parquet';
import { getLogger } from '../logging/logger';

const log = getLogger('pull');
import type { CheckQuality } from './quality/check-quality';
import { qualityRefusal } from './quality/quality-error';
import { contractChecks, type QualityResult } from '../../shared/contracts/quality-rules';

export type PullPhase = 'manifest' | 'download' | 'verify' | 'install' | 'done';

export interface PullProgress {
  product: string;
  phase: PullPhase;
  bytesDone: number;
  bytesTotal: number;
  /** Bytes per second over the transfer so far. */
  rate: number;
  /** Seconds left at that rate, null until known. */
  etaSeconds: number | null;
}

/** Where a pull lands: the app's versioned cache or the CLI's `--out` folder. */
export interface PullDestination {
  /** A folder for this product version's parts; partial files left there are resumed. */
  staging(product: string, version: string): Promise<string>;
  /** ETag and a copier for a part we already hold with the same name, for If-None-Match. */
  known(product: string, name: string): Promise<{ etag: string; copyTo: (path: string) => Promise<void> } | null>;
  install(staging: string, info: InstallInfo): Promise<void>;
  /** Called on failure: what to do with the staging folder (keep it for a resume, or remove it). */
  abandon(staging: string, error: MeshError): Promise<void>;
}

export interface InstallInfo {
  product: ProductSummary | null;
  manifest: Manifest;
  contract: OdcsContract;
  etags: Record<string, string>;
  /** The contract's quality rules measured on these parts (null: not checked). */
  quality: QualityResult[] | null;
}

export interface PullOptions {
  endpoint: MeshEndpoint;
  productId: string;
  destination: PullDestination;
  describe: DescribeParquet;
  /** Measures the contract's quality rules on the staged parts; without it they are not checked. */
  checkQuality?: CheckQuality;
  onProgress?: (progress: PullProgress) => void;
  signal?: AbortSignal;
}

export interface PullResult {
  product: string;
  version: string;
  rows: number;
  bytes: number;
  files: number;
  reused: number;
  /** Every quality rule's result (warnings included), null when not checked. */
  quality: QualityResult[] | null;
}

/**
 * The part names a manifest may use: plain `.parquet` file names (they become
 * `<dir>/<id>/<name>`), never a path that could write outside the product's folder.
 */
export function checkFileNames(files: readonly ManifestFile[]): void {
  if (files.length === 0) {
    throw new MeshError(
      null,
      'bad_manifest',
      "The manifest lists no parts, so there is nothing to check or install. Nothing was changed; tell the product's owner.",
      false,
    );
  }
  const seen = new Set<string>();
  for (const file of files) {
    const name = file.name;
    // eslint-disable-next-line no-control-regex
    const plain = !/[\\/\u0000-\u001f:*?"<>|]/.test(name) && !name.startsWith('.') && name.length <= 200;
    if (!plain || !name.endsWith('.parquet')) {
      throw new MeshError(
        null,
        'bad_manifest',
        `The manifest names a part ${JSON.stringify(name)}, which is not a plain .parquet file name. Nothing was downloaded; tell the product's owner.`,
        false,
      );
    }
    if (seen.has(name))
      throw new MeshError(null, 'bad_manifest', `The manifest lists the part ${name} twice. Nothing was downloaded; tell the product's owner.`, false);
    seen.add(name);
  }
}

/** Reads are idempotent, so a dropped connection, 5xx or 429 on the manifest is retried a few times. */
function fetchWithRetry<T>(send: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  return deliverWithRetry(send, { maxAttempts: 4, ...(signal ? { signal } : {}) });
}

/**
 * A pull's progress callback from (phase, bytes done, bytes total): the rate since the pull
 * started and the time left at that rate. Mesh and Delta Sharing pulls report the same way.
 */
export function progressReporter(product: string, onProgress: ((progress: PullProgress) => void) | undefined) {
  const started = Date.now();
  return (phase: PullPhase, bytesDone: number, bytesTotal: number): void => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? bytesDone / seconds : 0;
    onProgress?.({
      product,
      phase,
      bytesDone,
      bytesTotal,
      rate,
      etaSeconds: rate > 0 ? Math.max(0, (bytesTotal - bytesDone) / rate) : null,
    });
  };
}

/**
 * manifest -> download every part (resumable) -> sha256 -> schema against the contract ->
 * the contract's quality rules (an error-level failure refuses, docs/governance.md) -> install in one step. Any failure leaves the destination's previous content current.
 */
export async function pullProduct(options: PullOptions): Promise<PullResult> {
  const { endpoint, productId, destination, signal } = options;
  const id = encodeURIComponent(productId);
  const report = progressReporter(productId, options.onProgress);
  report('manifest', 0, 0);
  const [manifest, contract, product] = await Promise.all([
    fetchWithRetry(() => meshJson(endpoint, `/v1/products/${id}/extract`, manifestSchema, { signal }), signal),
    fetchWithRetry(() => meshJson(endpoint, `/v1/products/${id}/contract`, odcsContractSchema, { signal }), signal),
    // The SLA and updated_at for the cache: `/v1/products/{id}` is not a Mesh API v1 call (the
    // project's node has it), so another mesh is asked for its catalog instead.
    meshJson(endpoint, `/v1/products/${id}`, productSummarySchema, { signal })
      .catch(() => meshJson(endpoint, '/v1/products', productListSchema, { signal }).then((list) => list.products.find((p) => p.id === productId) ?? null))
      .catch(() => null),
  ]);
  if (manifest.product !== productId) {
    throw new MeshError(null, 'bad_manifest', `Asked for ${productId}, the mesh sent the manifest of ${manifest.product}.`, false);
  }
  checkFileNames(manifest.files);
  const version = String(manifest.version);
  let staging: string;
  const partsDir = (dir: string): string => join(dir, productId);
  try {
    staging = await destination.staging(productId, version);
    await mkdir(partsDir(staging), { recursive: true });
  } catch (error) {
    // A full disk or a read-only folder, said as such rather than as a failed pull.
    throw diskError(error) ?? error;
  }
  const total = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  const doneBytes = new Map<string, number>();
  const sumDone = () => [...doneBytes.values()].reduce((a, b) => a + b, 0);
  const etags: Record<string, string> = {};
  let reused = 0;
  try {
    for (const file of manifest.files) {
      const name = file.name;
      const target = join(partsDir(staging), name);
      const already = await stat(target).then(
        (s) => s.size,
        () => 0,
      );
      if (already === file.bytes && (await sha256OfFile(target)) === file.sha256) {
        doneBytes.set(name, file.bytes);
        etags[name] = `"${file.sha256}"`;
        continue;
      }
      if (already > file.bytes) await rm(target, { force: true });
      const known = await destination.known(productId, name);
      const outcome = await downloadPart({
        endpoint,
        file,
        target,
        ...(known ? { knownEtag: known.etag } : {}),
        ...(signal ? { signal } : {}),
        onBytes: ({ bytes }) => {
          doneBytes.set(name, bytes);
          report('download', sumDone(), total);
        },
      });
      if (outcome.kind === 'not_modified' && known) {
        await known.copyTo(target);
        if ((await sha256OfFile(target)) === file.sha256) {
          reused++;
          etags[name] = known.etag;
        } else {
          // Our copy was damaged on disk since it was pulled: fetch the part afresh.
          await rm(target, { force: true });
          const fresh = await downloadPart({
            endpoint,
            file,
            target,
            ...(signal ? { signal } : {}),
            onBytes: ({ bytes }) => {
              doneBytes.set(name, bytes);
              report('download', sumDone(), total);
            },
          });
          if (fresh.kind === 'downloaded' && fresh.etag) etags[name] = fresh.etag;
        }
      } else if (outcome.kind === 'downloaded' && outcome.etag) {
        etags[name] = outcome.etag;
      }
      doneBytes.set(name, file.bytes);
      report('download', sumDone(), total);
      const actual = await sha256OfFile(target);
      if (actual !== file.sha256) {
        await rm(target, { force: true });
        throw new MeshError(
          null,
          'checksum_mismatch',
          `Part ${name} of ${productId} ${version} is damaged: its sha256 is ${actual}, the manifest says ${file.sha256}. Nothing was installed; pull again.`,
          false,
        );
      }
    }
    report('verify', total, total);
    const files = manifest.files.map((f) => join(partsDir(staging), f.name));
    const description = await options.describe(files);
    const problems = contractProblems(contract, description.columns);
    if (problems.length > 0) {
      throw new MeshError(
        null,
        'contract_violation',
        `${productId} ${version} does not match its data contract: ${problems.map((p) => p.message).join('; ')}. Nothing was installed; tell the product's owner.`,
        false,
      );
    }
    if (typeof manifest.rows === 'number' && description.rows !== manifest.rows) {
      throw new MeshError(
        null,
        'row_count_mismatch',
        `${productId} ${version} has ${description.rows} rows, the manifest says ${manifest.rows}. Nothing was installed; pull again.`,
        false,
      );
    }
    // Quality after the schema: a rule can only be measured on the columns the contract pins.
    const quality = options.checkQuality ? await options.checkQuality(files, contractChecks(contract), new Date()) : null;
    const refusal = quality ? qualityRefusal(productId, version, quality) : null;
    if (refusal) throw refusal;
    report('install', total, total);
    try {
      await destination.install(staging, { product, manifest, contract, etags, quality });
    } catch (error) {
      throw diskError(error) ?? error;
    }
    report('done', total, total);
    return { product: productId, version, rows: description.rows, bytes: total, files: manifest.files.length, reused, quality };
  } catch (error) {
    throw await abandonPull(destination, staging, error, signal, productId);
  }
}

/**
 * A failed pull, mesh or Delta Sharing: its error as the user sees it (a cancel says so; anything
 * not already a MeshError becomes `pull_failed`), after removing its staging folder. A failed
 * clean-up only leaves files for the next pull to sweep, so it is logged rather than thrown over
 * the pull's own error.
 */
export async function abandonPull(
  destination: PullDestination,
  staging: string,
  error: unknown,
  signal: AbortSignal | undefined,
  product: string,
): Promise<MeshError> {
  const failure =
    error instanceof MeshError
      ? error
      : signal?.aborted
        ? new MeshError(null, 'cancelled', 'The pull was cancelled.', false)
        : new MeshError(null, 'pull_failed', error instanceof Error ? error.message : String(error), false);
  await destination.abandon(staging, failure).catch((cleanup: unknown) => log.warn('could not clean up after a failed pull', { err: cleanup, product }));
  return failure;
}
