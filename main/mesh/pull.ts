import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { manifestSchema, productSummarySchema, type Manifest, type ManifestFile, type ProductSummary } from '../../shared/mesh-api';
import { odcsContractSchema, type OdcsContract } from '../../shared/contracts/odcs';
import { schemaMismatches } from '../../shared/contracts/schema-check';
import { MeshError } from './mesh-error';
import { meshJson, type MeshEndpoint } from './mesh-http';
import { downloadPart, sha256OfFile } from './download-part';
import type { DescribeParquet } from './describe-parquet';

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
}

export interface PullOptions {
  endpoint: MeshEndpoint;
  productId: string;
  destination: PullDestination;
  describe: DescribeParquet;
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
}

/** The Parquet file names a manifest may use: plain names, no folders. */
function checkFileName(file: ManifestFile): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*\.parquet$/.test(file.name)) {
    throw new MeshError(null, 'bad_manifest', `The manifest names a part ${JSON.stringify(file.name)}, which is not a plain .parquet file name.`, false);
  }
  return file.name;
}

/**
 * manifest -> download every part (resumable) -> sha256 -> schema against the contract ->
 * install in one step. Any failure leaves the destination's previous content current.
 */
export async function pullProduct(options: PullOptions): Promise<PullResult> {
  const { endpoint, productId, destination, signal } = options;
  const id = encodeURIComponent(productId);
  const started = Date.now();
  const report = (phase: PullPhase, bytesDone: number, bytesTotal: number) => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? bytesDone / seconds : 0;
    options.onProgress?.({ product: productId, phase, bytesDone, bytesTotal, rate, etaSeconds: rate > 0 ? Math.max(0, (bytesTotal - bytesDone) / rate) : null });
  };
  report('manifest', 0, 0);
  const [manifest, contract, product] = await Promise.all([
    meshJson(endpoint, `/v1/products/${id}/extract`, manifestSchema, { signal }),
    meshJson(endpoint, `/v1/products/${id}/contract`, odcsContractSchema, { signal }),
    meshJson(endpoint, `/v1/products/${id}`, productSummarySchema, { signal }).catch(() => null),
  ]);
  if (manifest.product !== productId) {
    throw new MeshError(null, 'bad_manifest', `Asked for ${productId}, the mesh sent the manifest of ${manifest.product}.`, false);
  }
  const version = String(manifest.version);
  const staging = await destination.staging(productId, version);
  const partsDir = join(staging, productId);
  await mkdir(partsDir, { recursive: true });
  const total = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  const doneBytes = new Map<string, number>();
  const sumDone = () => [...doneBytes.values()].reduce((a, b) => a + b, 0);
  const etags: Record<string, string> = {};
  let reused = 0;
  try {
    for (const file of manifest.files) {
      const name = checkFileName(file);
      const target = join(partsDir, name);
      const already = await stat(target).then((s) => s.size, () => 0);
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
        reused++;
        etags[name] = known.etag;
      } else if (outcome.kind === 'downloaded' && outcome.etag) {
        etags[name] = outcome.etag;
      }
      doneBytes.set(name, file.bytes);
      report('download', sumDone(), total);
      const actual = await sha256OfFile(target);
      if (actual !== file.sha256) {
        await rm(target, { force: true });
        throw new MeshError(null, 'checksum_mismatch', `Part ${name} of ${productId} ${version} is damaged: its sha256 is ${actual}, the manifest says ${file.sha256}. Nothing was installed; pull again.`, false);
      }
    }
    report('verify', total, total);
    const files = manifest.files.map((f) => join(partsDir, f.name));
    const description = await options.describe(files);
    const problems = schemaMismatches(contract, description.columns);
    if (problems.length > 0) {
      throw new MeshError(null, 'contract_violation', `${productId} ${version} does not match its data contract: ${problems.map((p) => p.message).join('; ')}. Nothing was installed; tell the product's owner.`, false);
    }
    if (typeof manifest.rows === 'number' && description.rows !== manifest.rows) {
      throw new MeshError(null, 'row_count_mismatch', `${productId} ${version} has ${description.rows} rows, the manifest says ${manifest.rows}. Nothing was installed; pull again.`, false);
    }
    report('install', total, total);
    await destination.install(staging, { product, manifest, contract, etags });
    report('done', total, total);
    return { product: productId, version, rows: description.rows, bytes: total, files: manifest.files.length, reused };
  } catch (error) {
    const failure =
      error instanceof MeshError
        ? error
        : signal?.aborted
          ? new MeshError(null, 'cancelled', 'The pull was cancelled.', false)
          : new MeshError(null, 'pull_failed', error instanceof Error ? error.message : String(error), false);
    await destination.abandon(staging, failure).catch(() => undefined);
    throw failure;
  }
}
