import type { ProductVersionRead } from '../../shared/lineage/lineage-details';
import type { LoadedProductInfo } from '../app/app-services';
import type { ExtractCache } from '../mesh/extract-cache';
import { getLogger } from '../logging/logger';

const log = getLogger('lineage');

export interface ReadsSource {
  loadedProducts(): LoadedProductInfo[];
  mesh: { cache: Pick<ExtractCache, 'meta'> };
}

/**
 * The versions of `products` the engine has loaded right now, each with the contract version its
 * parts were checked against (the cache's meta.json): what a run, export or audience records as
 * read, so its lineage names the data even after the version is pruned from the cache. Products
 * not loaded are left out (the run did not read them).
 */
export async function productVersionsRead(services: ReadsSource, products: Iterable<string>): Promise<ProductVersionRead[]> {
  const wanted = new Set(products);
  const out: ProductVersionRead[] = [];
  for (const loaded of services.loadedProducts()) {
    if (!wanted.has(loaded.id)) continue;
    // An unreadable meta.json still names the version; only its contract version goes unrecorded.
    const meta = await Promise.resolve()
      .then(() => services.mesh.cache.meta(loaded.id, loaded.version))
      .catch((error: unknown) => {
        log.warn('could not read a cached version for its contract version', { err: error, product: loaded.id, version: loaded.version });
        return null;
      });
    out.push({ product: loaded.id, version: loaded.version, contractVersion: meta?.contractVersion ?? null });
  }
  return out.sort((a, b) => a.product.localeCompare(b.product));
}

/**
 * The same, for an activity-log line: recording what was read must never stop the action it
 * records, so a failure is logged and the line says "not recorded" (no `reads` field) instead.
 */
export async function readsForLog(services: ReadsSource, products: Iterable<string>): Promise<{ reads?: ProductVersionRead[] }> {
  try {
    return { reads: await productVersionsRead(services, products) };
  } catch (error) {
    log.warn('could not work out which product versions were read; the activity entry says not recorded', { err: error });
    return {};
  }
}
