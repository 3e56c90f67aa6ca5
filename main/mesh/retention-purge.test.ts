import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractCache, VERSION_CONTRACT_NAME, type VersionMeta } from './extract-cache';
import { RetentionPurger } from './retention-purge';
import type { RetainedCopy } from './retention';

function contract(name: string, retentionDays: number | null) {
  return {
    apiVersion: 'v3.0.2',
    kind: 'DataContract',
    id: name,
    version: '1.0.0',
    status: 'active',
    customProperties: [{ property: 'productName', value: name === 'customers' ? 'Customer 360' : 'Events' }],
    schema: [{ name, properties: [{ name: 'customer_id' }] }],
    slaProperties: retentionDays === null ? [] : [{ property: 'retention', value: retentionDays, unit: 'd' }],
  };
}

/** Installs a version pulled at `fetchedAt`, with its contract beside its parts. */
async function install(cache: ExtractCache, product: string, version: string, fetchedAt: string, retentionDays: number | null, piiColumns: string[]) {
  const staging = cache.stagingDir(product, version);
  mkdirSync(join(staging, product), { recursive: true });
  writeFileSync(join(staging, product, 'part-0.parquet'), version);
  writeFileSync(join(staging, VERSION_CONTRACT_NAME), JSON.stringify(contract(product, retentionDays)));
  const meta: VersionMeta = {
    product,
    version,
    manifest: { product, version, produced_at: fetchedAt, rows: 1, files: [] },
    contractVersion: '1.0.0',
    fetchedAt,
    updatedAt: fetchedAt,
    freshnessSlaHours: 24,
    pseudonymised: true,
    etags: {},
    meshUrl: 'http://mesh',
    piiColumns,
  };
  await cache.install(staging, meta);
}

function setup() {
  const cache = new ExtractCache(mkdtempSync(join(tmpdir(), 'mw-retention-')), 3);
  let now = new Date('2026-11-30T12:00:00Z');
  const calls: string[] = [];
  const records: Array<{ copy: RetainedCopy; text: string }> = [];
  const purger = new RetentionPurger({
    cache,
    now: () => now,
    unload: async (product) => {
      // The engine lets go while the files are still there.
      calls.push(`unload ${product} files=${existsSync(join(cache.productDir(product), 'v7'))}`);
      await Promise.resolve();
    },
    record: async (copy, text) => {
      records.push({ copy, text });
      await Promise.resolve();
    },
  });
  return { cache, purger, calls, records, setNow: (d: Date) => (now = d) };
}

describe('retention purge', () => {
  it('keeps a PII copy until its contract retention has passed, then drops it from the engine and the disk', async () => {
    const { cache, purger, calls, records, setNow } = setup();
    // Customer 360 v7 pulled on 1 November with a 30-day retention: purged from 1 December 00:00.
    await install(cache, 'customers', 'v7', '2026-11-01T00:00:00Z', 30, ['email', 'phone']);
    // Events carry no PII: never purged, however old.
    await install(cache, 'events', 'e1', '2026-01-01T00:00:00Z', 1, []);

    expect(await purger.runOnce()).toEqual([]); // 30 November 12:00: 12 hours left
    expect((await cache.current('customers'))?.version).toBe('v7');

    setNow(new Date('2026-12-01T00:00:00Z'));
    const purged = await purger.runOnce();
    expect(purged.map((p) => `${p.product} ${p.version}`)).toEqual(['customers v7']);
    expect(calls).toEqual(['unload customers files=true']);
    expect(records.map((r) => r.text)).toEqual(['Purged Customer 360 v7 (PII) after 30 days retention']);
    expect(await cache.current('customers')).toBeNull();
    expect(existsSync(cache.versionDir('customers', 'v7'))).toBe(false);
    expect(await cache.products()).toEqual(['events']);
    expect((await cache.current('events'))?.version).toBe('e1');
    // A second pass has nothing left to do and records nothing twice.
    expect(await purger.runOnce()).toEqual([]);
    expect(records).toHaveLength(1);
  });

  it('purges an expired older version without touching the engine or the current one', async () => {
    const { cache, purger, calls, records } = setup();
    await install(cache, 'customers', 'v6', '2026-11-20T00:00:00Z', 7, ['email']); // expired 27 November
    await install(cache, 'customers', 'v7', '2026-11-29T00:00:00Z', 7, ['email']); // until 6 December
    const purged = await purger.runOnce();
    expect(purged.map((p) => p.version)).toEqual(['v6']);
    expect(calls).toEqual([]);
    expect(records[0]?.text).toBe('Purged Customer 360 v6 (PII) after 7 days retention');
    expect((await cache.versions('customers')).map((v) => v.version)).toEqual(['v7']);
    expect((await cache.current('customers'))?.version).toBe('v7');
  });

  it('uses 30 days when the contract states no retention', async () => {
    const { cache, purger, setNow } = setup();
    await install(cache, 'customers', 'v7', '2026-11-01T00:00:00Z', null, ['email']);
    setNow(new Date('2026-11-30T23:59:59Z'));
    expect(await purger.runOnce()).toEqual([]);
    setNow(new Date('2026-12-01T00:00:01Z'));
    expect((await purger.runOnce()).map((p) => p.days)).toEqual([30]);
  });

  it('leaves the files in place when the engine cannot drop the tables', async () => {
    const cache = new ExtractCache(mkdtempSync(join(tmpdir(), 'mw-retention-')), 3);
    await install(cache, 'customers', 'v7', '2026-10-01T00:00:00Z', 30, ['email']);
    const purger = new RetentionPurger({
      cache,
      unload: () => Promise.reject(new Error('engine busy')),
      record: () => Promise.resolve(),
    });
    await expect(purger.runOnce()).rejects.toThrow('engine busy');
    expect((await cache.current('customers'))?.version).toBe('v7');
  });
});
