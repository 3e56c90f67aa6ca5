import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { odcsContractSchema, type OdcsContract } from '../../../shared/contracts/odcs';
import type { QualityResult } from '../../../shared/contracts/quality-rules';
import { ExtractCache } from '../extract-cache';
import { cacheDestination } from '../pull-destinations';

function contract(version: string, columns: [string, string][]): OdcsContract {
  return odcsContractSchema.parse({
    apiVersion: 'v3.1.0',
    kind: 'DataContract',
    id: 'events',
    version,
    status: 'active',
    schema: [{ name: 'events', properties: columns.map(([name, physicalType]) => ({ name, physicalType })) }],
  });
}

const passed: QualityResult[] = [{ id: 'has_rows', column: null, severity: 'error', text: 'At least 1 row', passed: true, observed: 3, threshold: '> 0' }];

async function install(cache: ExtractCache, version: string, c: OdcsContract, quality: QualityResult[] | null = passed): Promise<void> {
  const destination = cacheDestination(cache, 'http://mesh');
  const staging = await destination.staging('events', version);
  mkdirSync(join(staging, 'events'), { recursive: true });
  writeFileSync(join(staging, 'events', 'part-0.parquet'), version);
  await destination.install(staging, {
    product: null,
    manifest: { product: 'events', version, produced_at: '2026-11-01T00:00:00Z', rows: 3, files: [] },
    contract: c,
    etags: {},
    quality,
  });
}

describe('versions keep their quality results and contract change log', () => {
  it('stores results, has no change log for a first pull, then the diff against the previous version', async () => {
    const cache = new ExtractCache(mkdtempSync(join(tmpdir(), 'mw-gov-')));
    const v1 = contract('1.0.0', [
      ['event_id', 'VARCHAR'],
      ['customer_id', 'VARCHAR'],
      ['device', 'VARCHAR'],
    ]);
    await install(cache, 'r1', v1);
    const first = await cache.current('events');
    expect(first?.quality).toEqual(passed);
    expect(first?.contractChanges).toBeUndefined();

    await install(cache, 'r2', v1);
    expect((await cache.current('events'))?.contractChanges).toEqual({ fromVersion: '1.0.0', toVersion: '1.0.0', changes: [] });

    const v2 = contract('2.0.0', [
      ['event_id', 'VARCHAR'],
      ['customer_id', 'BIGINT'],
    ]);
    await install(cache, 'r3', v2, null);
    const third = await cache.current('events');
    expect(third?.quality).toBeUndefined();
    expect(third?.contractChanges?.changes.map((c) => c.text)).toEqual(['Column customer_id changed type from VARCHAR to BIGINT', 'Column device was removed']);

    // A re-pull of the same version keeps its change log rather than diffing with itself.
    await install(cache, 'r3', v2);
    expect((await cache.current('events'))?.contractChanges?.fromVersion).toBe('1.0.0');
  });
});
