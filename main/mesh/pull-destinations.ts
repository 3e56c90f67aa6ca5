import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { contractColumns, contractFreshnessHours } from '../../shared/contracts/odcs';
import { holdsRawPii, sameMesh, originOf, type Identity } from './extract-access';
import { type ExtractCache, VERSION_CONTRACT_NAME, versionFolderName } from './extract-cache';
import { changesSincePrevious } from './quality/version-changes';
import { writeFileAtomic } from '../fs/atomic-file';
import { ensurePrivateDir } from '../fs/private-fs';
import { fsyncDir } from './fs-durable';
import type { PullDestination } from './pull';

/**
 * The app's versioned cache: partial downloads are kept for a resume; installs keep N versions.
 * Each version records who pulled it with which rights (`identity`), and which columns its
 * contract tags as PII, so the engine serves it only to identities with those rights.
 */
export function cacheDestination(cache: ExtractCache, meshUrl: string, identity: Identity = { meshUrl, user: null, piiAccess: false }): PullDestination {
  return {
    staging: async (product, version) => {
      const dir = cache.stagingDir(product, version);
      // The parts folder too: pull.ts's own mkdir then finds it and keeps its 0700.
      await ensurePrivateDir(join(dir, product));
      return dir;
    },
    known: async (product, name) => {
      const current = await cache.current(product);
      const etag = current?.etags[name];
      if (!current || !etag) return null;
      // A part pulled under other rights (raw vs pseudonymised) or from another mesh is another file.
      if (holdsRawPii(current) !== identity.piiAccess || !sameMesh(originOf(current), meshUrl)) return null;
      return { etag, copyTo: (path) => cache.reusePart(product, current.version, name, path) };
    },
    install: async (staging, info) => {
      const contractChanges = await changesSincePrevious(cache, info.manifest.product, String(info.manifest.version), info.contract);
      // Each version keeps its own contract, so the next version's change log has a base.
      await writeFileAtomic(join(staging, VERSION_CONTRACT_NAME), JSON.stringify(info.contract));
      await cache.install(staging, {
        product: info.manifest.product,
        version: String(info.manifest.version),
        manifest: info.manifest,
        contractVersion: typeof info.contract.version === 'string' ? info.contract.version : null,
        fetchedAt: new Date().toISOString(),
        updatedAt: info.product?.updated_at ?? info.manifest.produced_at ?? null,
        freshnessSlaHours: info.product?.freshness_sla_hours ?? contractFreshnessHours(info.contract),
        pseudonymised: typeof info.product?.pseudonymised === 'boolean' ? info.product.pseudonymised : null,
        etags: info.etags,
        meshUrl,
        identity: { meshUrl, user: identity.user ?? 'unknown', piiAccess: identity.piiAccess },
        piiColumns: contractColumns(info.contract)
          .filter((c) => c.pii || c.pseudonymised !== undefined)
          .map((c) => c.name),
        ...(info.quality ? { quality: info.quality } : {}),
        ...(contractChanges ? { contractChanges } : {}),
      });
      // The contract the parts were checked against, so the product page works offline.
      await writeFileAtomic(cache.contractFile(info.manifest.product), JSON.stringify(info.contract));
    },
    abandon: async (staging, error) => {
      // A dropped connection keeps its partial parts for the next try; anything else starts clean.
      if (!error.retryable) await rm(staging, { recursive: true, force: true });
    },
  };
}

/** Written beside the parts of a CLI pull: `<out>/<id>/manifest.json`. */
export const PULL_MANIFEST_NAME = 'manifest.json';

/** Staging folders of CLI pulls: `<out>/.meshwork-pull-<product>@<version>`. */
const STAGING_PREFIX = '.meshwork-pull-';
/** Folders set aside during an install (`.meshwork-old-...`). */
const DISPLACED_PREFIX = '.meshwork-old-';
/** A staging folder untouched this long belongs to a pull that will not come back. */
export const ORPHAN_AGE_MS = 24 * 60 * 60 * 1000;
const OWNER_FILE = 'owner.pid';

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes staging and set-aside folders in `outDir` not modified for ORPHAN_AGE_MS. */
export async function removeOrphans(outDir: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  const entries = await readdir(outDir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isDirectory() || !(entry.name.startsWith(STAGING_PREFIX) || entry.name.startsWith(DISPLACED_PREFIX))) continue;
    const path = join(outDir, entry.name);
    const modified = await newestMtime(path);
    if (now - modified < ORPHAN_AGE_MS) continue;
    await rm(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}

/** The newest mtime of a folder and what it holds (a download in progress touches its part). */
async function newestMtime(dir: string): Promise<number> {
  let newest = (await stat(dir).catch(() => null))?.mtimeMs ?? 0;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestMtime(path) : ((await stat(path).catch(() => null))?.mtimeMs ?? 0));
  }
  return newest;
}

/**
 * The CLI's flat folder (SPEC section 2): `<out>/<id>/<part>`, replaced in one step. Staging
 * happens in a hidden sibling folder named by product and version, so a pull that was killed
 * mid-transfer is resumed by the next pull of that version (downloadPart continues partial
 * parts with Range); one this process abandons after a failure is removed, so `<out>` keeps
 * exactly what it held before. Staging left by pulls that never came back is removed once it
 * is a day old.
 */
export function flatDestination(outDir: string): PullDestination {
  const createdOut = !existsSync(outDir);
  return {
    staging: async (product, version) => {
      await removeOrphans(outDir);
      let dir = join(outDir, `${STAGING_PREFIX}${product}@${versionFolderName(version)}`);
      const owner = Number(await readFile(join(dir, OWNER_FILE), 'utf8').catch(() => ''));
      // Another pull of the same version is running right now: do not write into its files.
      if (owner !== process.pid && processAlive(owner)) dir = `${dir}-${randomUUID()}`;
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, OWNER_FILE), String(process.pid));
      return dir;
    },
    // A one-shot CLI pull keeps no ETags, so every part is fetched afresh.
    known: async () => null,
    install: async (staging, info) => {
      const product = info.manifest.product;
      const target = join(outDir, product);
      const displaced = join(outDir, `${DISPLACED_PREFIX}${product}-${randomUUID()}`);
      // The pull's manifest travels with the parts, so `analyze --verify` can check them later.
      await writeFileAtomic(join(staging, product, PULL_MANIFEST_NAME), `${JSON.stringify(info.manifest, null, 2)}\n`);
      await fsyncDir(join(staging, product));
      const hadTarget = existsSync(target);
      if (hadTarget) await rename(target, displaced);
      try {
        await rename(join(staging, product), target);
      } catch (error) {
        if (hadTarget) await rename(displaced, target);
        throw error;
      }
      await fsyncDir(outDir);
      await rm(displaced, { recursive: true, force: true });
      await rm(staging, { recursive: true, force: true });
      // Partial pulls of this product's older versions will never be resumed now.
      for (const name of await readdir(outDir).catch(() => [] as string[])) {
        if (!name.startsWith(`${STAGING_PREFIX}${product}@`)) continue;
        const owner = Number(await readFile(join(outDir, name, OWNER_FILE), 'utf8').catch(() => ''));
        if (owner === process.pid || !processAlive(owner)) await rm(join(outDir, name), { recursive: true, force: true });
      }
    },
    abandon: async (staging) => {
      await rm(staging, { recursive: true, force: true });
      if (createdOut && (await readdir(outDir).catch(() => [])).length === 0) await rm(outDir, { recursive: true, force: true });
    },
  };
}
