import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { contractColumns, odcsContractSchema } from '../../shared/contracts/odcs';
import type { InstalledProductVersion, LineageEntry, LineageSavedItem, LineageSources } from '../../shared/lineage/build-lineage';
import type { SavedItem } from '../../shared/ipc/workspace-contract';
import { parseSpec } from '../../shared/specs/index';
import type { ExtractCache } from '../mesh/extract-cache';
import { getLogger } from '../logging/logger';
import { specHash } from './spec-hash';

const log = getLogger('lineage');

const namedListSchema = z.array(z.looseObject({ id: z.string(), name: z.string() }));

/**
 * Display names from a list this laptop already keeps (the catalog, the destinations): never the
 * network, so lineage answers offline. A missing or unreadable file means ids are humanised.
 */
async function namesIn(file: string): Promise<Record<string, string>> {
  const text = await readFile(file, 'utf8').catch(() => null); // no such list yet: no names
  if (text === null) return {};
  try {
    return Object.fromEntries(namedListSchema.parse(JSON.parse(text)).map((p) => [p.id, p.name]));
  } catch (error) {
    log.warn('a kept list could not be read for display names', { err: error, file });
    return {};
  }
}

/** Each saved item with the spec hash of every version (a dashboard view or an unreadable spec has none). */
export function savedWithHashes(items: readonly SavedItem[]): LineageSavedItem[] {
  const hash = (kind: string, spec: unknown): string | null => {
    if (kind === 'dashboard_view') return null;
    try {
      return specHash(parseSpec(spec));
    } catch {
      // A spec saved before a schema change that no longer parses cannot have been run as is.
      return null;
    }
  };
  return items.map((item) => ({
    id: item.id,
    kind: item.kind,
    name: item.name,
    versions: [...item.history.map((h) => ({ version: h.version, spec: h.spec })), { version: item.version, spec: item.spec }]
      .sort((a, b) => a.version - b.version)
      .map((v) => ({ version: v.version, specHash: hash(item.kind, v.spec) })),
  }));
}

/** Every product version in the cache, with its contract's columns and its quality results. */
export async function installedVersions(cache: ExtractCache): Promise<InstalledProductVersion[]> {
  const out: InstalledProductVersion[] = [];
  for (const product of await cache.products()) {
    const current = await cache.current(product);
    for (const meta of await cache.versions(product)) {
      const text = await readFile(cache.versionContractFile(product, meta.version), 'utf8').catch(() => null); // pulled before contracts were kept per version
      let schema: InstalledProductVersion['schema'] = null;
      if (text !== null) {
        try {
          const contract = odcsContractSchema.parse(JSON.parse(text));
          schema = contractColumns(contract).map((c) => ({ name: c.name, type: c.physicalType || c.logicalType, description: c.description }));
        } catch (error) {
          log.warn("a cached version's contract could not be read; its lineage has no schema", { err: error, product, version: meta.version });
        }
      }
      out.push({
        product,
        version: meta.version,
        contractVersion: meta.contractVersion,
        meshUrl: meta.meshUrl,
        fetchedAt: meta.fetchedAt,
        pulledBy: meta.identity?.user ?? null,
        rows: meta.manifest.rows ?? null,
        current: current?.version === meta.version,
        quality: meta.quality ?? null,
        schema,
      });
    }
  }
  return out;
}

/**
 * Everything lineage is built from, all of it on this laptop: the activity log's entries, the saved
 * specs, the extract cache, and the names last seen for products, destinations and audiences.
 */
export async function loadLineageSources(input: {
  dataDir: string;
  cache: ExtractCache;
  entries: readonly LineageEntry[];
  saved: readonly SavedItem[];
  audienceNames?: Record<string, string>;
}): Promise<LineageSources> {
  return {
    entries: input.entries,
    saved: savedWithHashes(input.saved),
    installed: await installedVersions(input.cache),
    // The files MeshService keeps for the offline catalog and destinations (mesh-service.ts).
    productNames: await namesIn(join(input.cache.root, 'catalog.json')),
    destinationNames: await namesIn(join(input.dataDir, 'destinations.json')),
    audienceNames: input.audienceNames ?? {},
  };
}
