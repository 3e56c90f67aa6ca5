import { cp, mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-file';
import { manifestSchema } from '../../shared/mesh-api';
import { qualityResultSchema } from '../../shared/contracts/quality-rules';
import { contractDiffSchema } from '../../shared/contracts/contract-diff';
import { fsyncDir } from './fs-durable';

/**
 * What each cached version records, beside its parts. The version folder is itself a valid
 * `--data` folder for that product (`<version dir>/<product id>/*.parquet`), so the engine and
 * the CLI read it the same way.
 */
export const versionMetaSchema = z.object({
  product: z.string(),
  version: z.string(),
  manifest: manifestSchema,
  contractVersion: z.string().nullable(),
  fetchedAt: z.string(),
  updatedAt: z.string().nullable(),
  freshnessSlaHours: z.number().nullable(),
  pseudonymised: z.boolean().nullable(),
  etags: z.record(z.string(), z.string()),
  meshUrl: z.string(),
  /**
   * Who pulled this version and with which rights (absent in caches written before it was
   * recorded: extract-access.ts then assumes the worst). The engine serves a version only to an
   * identity with at least these rights on the same mesh.
   */
  identity: z.object({ meshUrl: z.string(), user: z.string(), piiAccess: z.boolean() }).optional(),
  /** Columns the contract the parts were checked against tags as PII or pseudonymised. */
  piiColumns: z.array(z.string()).optional(),
  /** The contract's quality rules measured on these parts before install (absent: not checked). */
  quality: z.array(qualityResultSchema).optional(),
  /** How this version's contract differs from the previous cached version's (absent: no previous one to compare). */
  contractChanges: contractDiffSchema.optional(),
});
export type VersionMeta = z.infer<typeof versionMetaSchema>;

export type Freshness = 'fresh' | 'due' | 'stale' | 'unknown';

/**
 * Freshness against the SLA, from when the domain last updated the product: fresh while within
 * 75% of the SLA, due from 75% to 100% (refresh soon), stale beyond it.
 */
export function freshness(updatedAt: string | null, slaHours: number | null, now = new Date()): Freshness {
  if (!updatedAt || !slaHours || slaHours <= 0) return 'unknown';
  const ageHours = (now.getTime() - Date.parse(updatedAt)) / 3_600_000;
  if (Number.isNaN(ageHours)) return 'unknown';
  if (ageHours <= slaHours * 0.75) return 'fresh';
  if (ageHours <= slaHours) return 'due';
  return 'stale';
}

/** Beside meta.json in each version folder (and in the staging folder before install). */
export const VERSION_CONTRACT_NAME = 'contract.json';

const ID = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

function safeSegment(value: string, what: string): string {
  if (!ID.test(value) || value.includes('..')) throw new Error(`The mesh sent an unusable ${what} name: ${JSON.stringify(value)}.`);
  return value;
}

/**
 * Product versions are opaque strings to Mesh API v1 (a timestamp such as
 * `2026-06-30T00:00:00Z` is a fine version), so a version that is not a safe folder name gets
 * one: its safe characters plus a short hash, so two versions never share a folder.
 */
export function versionFolderName(version: string): string {
  if (ID.test(version) && !version.includes('..') && !version.includes('.old-') && version.length <= 100) return version;
  const readable = version
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^_+/, '')
    .slice(0, 60);
  return `${readable || 'v'}~${createHash('sha256').update(version).digest('hex').slice(0, 12)}`;
}

/** `<root>/<product>/<version>/{meta.json, <product>/<parts>}` plus `<root>/<product>/current.json`. */
export class ExtractCache {
  constructor(
    readonly root: string,
    private readonly keepVersions = 3,
  ) {}

  productDir(product: string): string {
    return join(this.root, safeSegment(product, 'product'));
  }

  versionDir(product: string, version: string): string {
    return join(this.productDir(product), versionFolderName(version));
  }

  stagingDir(product: string, version: string): string {
    return join(this.root, '.staging', `${safeSegment(product, 'product')}@${versionFolderName(version)}`);
  }

  async current(product: string): Promise<VersionMeta | null> {
    const pointer = await readFile(join(this.productDir(product), 'current.json'), 'utf8').then(
      (t) => z.object({ version: z.string() }).parse(JSON.parse(t)),
      () => null,
    );
    if (!pointer) return null;
    return this.meta(product, pointer.version);
  }

  async meta(product: string, version: string): Promise<VersionMeta | null> {
    return this.metaIn(this.versionDir(product, version));
  }

  private async metaIn(dir: string): Promise<VersionMeta | null> {
    return readFile(join(dir, 'meta.json'), 'utf8').then(
      (t) => versionMetaSchema.parse(JSON.parse(t)),
      () => null,
    );
  }

  async versions(product: string): Promise<VersionMeta[]> {
    const entries = await readdir(this.productDir(product), { withFileTypes: true }).catch(() => []);
    // A folder set aside during an install (`.old-`) is about to be removed: it is no version.
    const folders = entries.filter((e) => e.isDirectory() && !e.name.includes('.old-'));
    const metas = await Promise.all(folders.map((e) => this.metaIn(join(this.productDir(product), e.name))));
    return metas.filter((m): m is VersionMeta => m !== null).sort((a, b) => b.fetchedAt.localeCompare(a.fetchedAt));
  }

  async products(): Promise<string[]> {
    const entries = await readdir(this.root, { withFileTypes: true }).catch(() => []);
    const ids: string[] = [];
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.') && (await this.current(e.name))) ids.push(e.name);
    return ids.sort();
  }

  /** The folder holding the current version's parts, for the engine (`<dir>/<product>/*.parquet`). */
  async currentDataDir(product: string): Promise<string | null> {
    const meta = await this.current(product);
    return meta ? this.versionDir(product, meta.version) : null;
  }

  /**
   * Moves a fully verified staging folder into place as a new version and makes it current:
   * the old version stays current until the pointer file is atomically replaced.
   */
  async install(staging: string, meta: VersionMeta): Promise<void> {
    await writeFileAtomic(join(staging, 'meta.json'), JSON.stringify(meta, null, 2));
    await fsyncDir(join(staging, meta.product));
    await fsyncDir(staging);
    const target = this.versionDir(meta.product, meta.version);
    await mkdir(this.productDir(meta.product), { recursive: true });
    const displaced = `${target}.old-${randomUUID()}`;
    // Only a re-pull of a version already here displaces anything; it comes back on failure.
    const hadTarget = await rename(target, displaced).then(
      () => true,
      () => false,
    );
    try {
      await rename(staging, target);
    } catch (error) {
      if (hadTarget) await rename(displaced, target);
      throw error;
    }
    await fsyncDir(this.productDir(meta.product));
    await writeFileAtomic(join(this.productDir(meta.product), 'current.json'), JSON.stringify({ version: meta.version }));
    await rm(displaced, { recursive: true, force: true });
    await this.dropStaleStaging(meta.product);
    await this.prune(meta.product, meta.version);
  }

  /** Partial downloads of versions older than the one just installed will never be resumed. */
  private async dropStaleStaging(product: string): Promise<void> {
    const stagingRoot = join(this.root, '.staging');
    const names = await readdir(stagingRoot).catch(() => [] as string[]);
    for (const name of names) if (name.startsWith(`${product}@`)) await rm(join(stagingRoot, name), { recursive: true, force: true });
  }

  /** Keeps the newest `keepVersions` versions (always the current one). */
  async prune(product: string, currentVersion: string): Promise<void> {
    const all = await this.versions(product);
    const keep = new Set([currentVersion, ...all.slice(0, this.keepVersions).map((m) => m.version)]);
    for (const meta of all) if (!keep.has(meta.version)) await rm(this.versionDir(product, meta.version), { recursive: true, force: true });
  }

  /** Where the product's last seen data contract is kept, for the product page offline. */
  contractFile(product: string): string {
    return join(this.productDir(product), 'contract.json');
  }

  /** The contract a version's parts were checked against (kept per version, for the change log). */
  versionContractFile(product: string, version: string): string {
    return join(this.versionDir(product, version), VERSION_CONTRACT_NAME);
  }

  /** Every product folder, with or without a current version (the retention purge looks at all). */
  async productIds(): Promise<string[]> {
    const entries = await readdir(this.root, { withFileTypes: true }).catch(() => []);
    return entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && ID.test(e.name))
      .map((e) => e.name)
      .sort();
  }

  /**
   * Makes the product have no current version, but only while the pointer still names
   * `version`: a pull that installed a newer one in the meantime keeps it. True when dropped.
   */
  async dropCurrent(product: string, version: string): Promise<boolean> {
    const current = await this.current(product);
    if (current?.version !== version) return false;
    await rm(join(this.productDir(product), 'current.json'), { force: true });
    await fsyncDir(this.productDir(product));
    return true;
  }

  /**
   * Deletes one version's folder. It is first renamed aside (`.old-`, which no listing counts as
   * a version) in one step, so a reader sees the whole version or none of it, then removed.
   */
  async removeVersion(product: string, version: string): Promise<void> {
    const dir = this.versionDir(product, version);
    const aside = `${dir}.old-${randomUUID()}`;
    await rename(dir, aside);
    await fsyncDir(this.productDir(product));
    await rm(aside, { recursive: true, force: true });
  }

  /** Copies a part of the current version (an unchanged part the mesh answered 304 for). */
  async reusePart(product: string, version: string, name: string, to: string): Promise<void> {
    await cp(join(this.versionDir(product, version), product, name), to);
  }
}
