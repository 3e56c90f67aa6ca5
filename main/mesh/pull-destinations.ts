import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { contractFreshnessHours } from '../../shared/contracts/odcs';
import { type ExtractCache, versionFolderName } from './extract-cache';
import { writeFileAtomic } from '../app/atomic-file';
import { ensurePrivateDir } from '../app/private-fs';
import { fsyncDir } from './fs-durable';
import type { PullDestination } from './pull';

/** The app's versioned cache: partial downloads are kept for a resume; installs keep N versions. */
export function cacheDestination(cache: ExtractCache, meshUrl: string): PullDestination {
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
      return { etag, copyTo: (path) => cache.reusePart(product, current.version, name, path) };
    },
    install: async (staging, info) => {
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

/**
 * The CLI's flat folder (SPEC section 2): `<out>/<id>/<part>`, replaced in one step. Staging
 * happens in a hidden sibling folder that is removed on failure, so `<out>` keeps exactly what
 * it held before.
 */
export function flatDestination(outDir: string): PullDestination {
  const createdOut = !existsSync(outDir);
  return {
    staging: async (product, version) => {
      const dir = join(outDir, `.meshwork-pull-${product}@${versionFolderName(version)}-${randomUUID()}`);
      await mkdir(dir, { recursive: true });
      return dir;
    },
    // A one-shot CLI pull keeps no ETags, so every part is fetched afresh.
    known: async () => null,
    install: async (staging, info) => {
      const product = info.manifest.product;
      const target = join(outDir, product);
      const displaced = join(outDir, `.meshwork-old-${product}-${randomUUID()}`);
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
    },
    abandon: async (staging) => {
      await rm(staging, { recursive: true, force: true });
      if (createdOut && (await readdir(outDir).catch(() => [])).length === 0) await rm(outDir, { recursive: true, force: true });
    },
  };
}
