import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lineageFor } from '../../shared/lineage/build-lineage';
import type { SavedItem } from '../../shared/ipc/workspace-contract';
import { parseSpec } from '../../shared/specs/index';
import { configureLogging } from '../logging/logger';
import { ExtractCache, VERSION_CONTRACT_NAME } from '../mesh/extract-cache';
import { loadLineageSources, savedWithHashes } from './lineage-sources';
import { specHash } from './spec-hash';

afterEach(() => configureLogging({ kind: 'silent' }));

const SEGMENT_V1 = { kind: 'segment', as_of: '2026-06-30T00:00:00Z', include_members: false, rule: { all: [] } };
const SEGMENT_V2 = { ...SEGMENT_V1, rule: { attribute: 'country', op: '=', value: 'DE' } };

function saved(): SavedItem {
  return {
    id: 's1',
    kind: 'segment',
    name: 'Germany',
    spec: SEGMENT_V2 as SavedItem['spec'],
    version: 2,
    updatedAt: '2026-06-30T10:00:00Z',
    history: [{ version: 1, spec: SEGMENT_V1 as SavedItem['spec'], savedAt: '2026-06-30T09:00:00Z' }],
  };
}

async function installCustomers(cache: ExtractCache): Promise<void> {
  const staging = cache.stagingDir('customers', 'v5');
  mkdirSync(join(staging, 'customers'), { recursive: true });
  writeFileSync(join(staging, 'customers', 'part-0.parquet'), 'x');
  writeFileSync(
    join(staging, VERSION_CONTRACT_NAME),
    JSON.stringify({
      apiVersion: 'v3.0.2',
      kind: 'DataContract',
      id: 'customers',
      version: '3.1.0',
      status: 'active',
      schema: [{ name: 'customers', properties: [{ name: 'customer_id', physicalType: 'VARCHAR', logicalType: 'string', description: 'Customer key' }] }],
    }),
  );
  await cache.install(staging, {
    product: 'customers',
    version: 'v5',
    manifest: { product: 'customers', version: 'v5', produced_at: '2026-06-30T00:00:00Z', rows: 3, files: [] },
    contractVersion: '3.1.0',
    fetchedAt: '2026-06-30T08:00:00Z',
    updatedAt: null,
    freshnessSlaHours: 24,
    pseudonymised: null,
    etags: {},
    meshUrl: 'http://mesh.test',
    identity: { meshUrl: 'http://mesh.test', user: 'ana', piiAccess: false },
    quality: [
      { id: 'id_not_null', column: 'customer_id', severity: 'error', text: 'customer_id is never empty (NULL)', passed: true, observed: 0, threshold: '= 0' },
    ],
  });
}

describe('loadLineageSources', () => {
  it('hashes every version of a saved spec as a run does, so a run of version 1 names version 1', async () => {
    const [item] = savedWithHashes([saved()]);
    expect(item?.versions).toEqual([
      { version: 1, specHash: specHash(parseSpec(SEGMENT_V1)) },
      { version: 2, specHash: specHash(parseSpec(SEGMENT_V2)) },
    ]);
    // A dashboard view is no analysis spec: nothing runs it, nothing to match.
    expect(savedWithHashes([{ ...saved(), kind: 'dashboard_view' }])[0]?.versions.map((v) => v.specHash)).toEqual([null, null]);
  });

  it('reads the cache (contract columns, quality, who pulled) and the kept names, and builds lineage from them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mw-lineage-'));
    const cache = new ExtractCache(join(dataDir, 'extracts'));
    await installCustomers(cache);
    writeFileSync(join(cache.root, 'catalog.json'), JSON.stringify([{ id: 'customers', name: 'Customer 360', domain: 'customer' }]));
    const sources = await loadLineageSources({
      dataDir,
      cache,
      saved: [saved()],
      entries: [
        {
          seq: 1,
          at: '2026-06-30T09:30:00Z',
          user: 'ana',
          action: 'analysis',
          summary: 'Ran a segment analysis',
          details: { kind: 'segment', specHash: specHash(parseSpec(SEGMENT_V1)), reads: [{ product: 'customers', version: 'v5', contractVersion: '3.1.0' }] },
          hash: 'f'.repeat(64),
        },
      ],
    });
    expect(sources.installed).toEqual([
      expect.objectContaining({
        product: 'customers',
        version: 'v5',
        contractVersion: '3.1.0',
        pulledBy: 'ana',
        current: true,
        schema: [{ name: 'customer_id', type: 'VARCHAR', description: 'Customer key' }],
      }),
    ]);
    const graph = lineageFor(sources, { kind: 'analysis', id: '1' });
    expect(graph?.nodes.map((n) => `${n.kind}:${n.title}`).sort()).toEqual(['analysis:Segment run', 'product_version:Customer 360', 'saved_spec:Germany']);
    expect(graph?.nodes.find((n) => n.kind === 'analysis')?.subtitle).toBe('of "Germany", version 1');
  });
});
