import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractCache, freshness, versionFolderName, type VersionMeta } from './extract-cache';

function meta(version: string, fetchedAt: string): VersionMeta {
  return {
    product: 'events',
    version,
    manifest: { product: 'events', version, produced_at: fetchedAt, rows: 1, files: [] },
    contractVersion: '1.0.0',
    fetchedAt,
    updatedAt: fetchedAt,
    freshnessSlaHours: 24,
    pseudonymised: null,
    etags: {},
    meshUrl: 'http://mesh',
  };
}

async function install(cache: ExtractCache, version: string, fetchedAt: string): Promise<void> {
  const staging = cache.stagingDir('events', version);
  mkdirSync(join(staging, 'events'), { recursive: true });
  writeFileSync(join(staging, 'events', 'part-0.parquet'), version);
  await cache.install(staging, meta(version, fetchedAt));
}

describe('extract cache', () => {
  it('makes each install current and keeps only the newest N versions', async () => {
    const cache = new ExtractCache(mkdtempSync(join(tmpdir(), 'mw-cache-')), 2);
    await install(cache, 'v1', '2026-11-01T00:00:00Z');
    await install(cache, 'v2', '2026-11-02T00:00:00Z');
    await install(cache, '2026-11-03T00:00:00Z', '2026-11-03T00:00:00Z');
    expect((await cache.current('events'))?.version).toBe('2026-11-03T00:00:00Z');
    expect((await cache.versions('events')).map((m) => m.version)).toEqual(['2026-11-03T00:00:00Z', 'v2']);
    expect(readdirSync(join((await cache.currentDataDir('events'))!, 'events'))).toEqual(['part-0.parquet']);
  });

  it('drops partial downloads of a product once a newer version is installed', async () => {
    const cache = new ExtractCache(mkdtempSync(join(tmpdir(), 'mw-cache-')), 2);
    mkdirSync(join(cache.stagingDir('events', 'v0'), 'events'), { recursive: true });
    mkdirSync(join(cache.stagingDir('touchpoints', 'v0'), 'touchpoints'), { recursive: true });
    await install(cache, 'v1', '2026-11-01T00:00:00Z');
    expect(readdirSync(join(cache.root, '.staging'))).toEqual(['touchpoints@v0']);
  });

  it('gives every version string a distinct folder inside the product folder', () => {
    const names = ['v1', '2026-11-03T00:00:00Z', '2026-11-03T00:00:00+01:00', '../../etc', 'a/b', 'x.old-1'].map(versionFolderName);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_.~-]*$/);
    expect(names.some((n) => n.includes('..') || n.includes('/'))).toBe(false);
  });
});

describe('freshness against the SLA', () => {
  const now = new Date('2026-11-24T12:00:00Z');
  it('is fresh up to 75% of the SLA, due up to 100%, stale beyond', () => {
    expect(freshness('2026-11-24T00:00:00Z', 24, now)).toBe('fresh'); // 12 h of 24
    expect(freshness('2026-11-23T18:00:00Z', 24, now)).toBe('fresh'); // 18 h: exactly 75%
    expect(freshness('2026-11-23T14:00:00Z', 24, now)).toBe('due'); // 22 h
    expect(freshness('2026-11-23T11:00:00Z', 24, now)).toBe('stale'); // 25 h
    expect(freshness(null, 24, now)).toBe('unknown');
  });
});
