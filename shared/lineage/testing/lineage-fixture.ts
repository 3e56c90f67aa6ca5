import type { QualityResult } from '../../contracts/quality-rules';
import type { InstalledProductVersion, LineageEntry, LineageSources } from '../build-lineage';

/**
 * A small, known history: Ana pulls three products, runs a saved attribution and exports it,
 * builds an audience from a saved segment; Bob approves it; Ana activates it. Plus one analysis
 * entry written before lineage was recorded (only `dataVersions`).
 */
const MESH = 'http://mesh.test';

const passed = (id: string, column: string | null): QualityResult => ({
  id,
  column,
  severity: 'error',
  text: `${id} holds`,
  passed: true,
  observed: 0,
  threshold: '= 0',
});
const warned: QualityResult = {
  id: 'channel_values',
  column: 'channel',
  severity: 'warning',
  text: 'channel is a known channel',
  passed: false,
  observed: 3,
  threshold: '= 0',
};

function installed(product: string, version: string, contractVersion: string | null, quality: QualityResult[] | null): InstalledProductVersion {
  return {
    product,
    version,
    contractVersion,
    meshUrl: MESH,
    fetchedAt: '2026-06-30T08:00:00.000Z',
    pulledBy: 'ana',
    rows: 100,
    current: true,
    quality,
    schema: [
      { name: 'customer_id', type: 'VARCHAR', description: 'The customer' },
      { name: 'occurred_at', type: 'TIMESTAMP', description: '' },
    ],
  };
}

let seq = 0;
function entry(action: string, user: string, summary: string, details: Record<string, unknown>): LineageEntry {
  seq += 1;
  return { seq, at: `2026-06-30T09:${String(seq).padStart(2, '0')}:00.000Z`, user, action, summary, details, hash: `${seq}`.repeat(64).slice(0, 64) };
}

const tp = { product: 'touchpoints', version: 'v7', contractVersion: '1.2.0' };
const cv = { product: 'conversions', version: 'v3', contractVersion: '2.0.0' };
const cu = { product: 'customers', version: 'v5', contractVersion: '3.1.0' };

export const ENTRIES: LineageEntry[] = [
  entry('pull', 'ana', 'Pulled touchpoints v7 (100 rows)', { product: 'touchpoints', version: 'v7', rows: 100 }), // 1
  entry('pull', 'ana', 'Pulled conversions v3 (100 rows)', { product: 'conversions', version: 'v3', rows: 100 }), // 2
  entry('pull', 'ana', 'Pulled customers v5 (100 rows)', { product: 'customers', version: 'v5', rows: 100 }), // 3
  entry('analysis', 'ana', 'Ran a attribution analysis', { kind: 'attribution', specHash: 'hash-attr-2', reads: [tp, cv], ms: 40 }), // 4
  entry('export', 'ana', 'Exported 8 rows of attribution of purchase to CSV', { kind: 'attribution', format: 'csv', reads: [tp, cv] }), // 5
  entry('submit', 'ana', 'Submit audience Spring buyers (120 members) to meta_ads', {
    outboxId: 'o1',
    result: { id: 'aud-1', version: 1, status: 'pending_approval' },
    audience: { id: 'aud-1', version: 1 },
    segment: { id: 'seg-1', name: 'Recent buyers', version: 2 },
    reads: [cu],
    destination: 'meta_ads',
  }), // 6
  entry('approve', 'bob', 'Approve audience aud-1 v1', { outboxId: 'o2', audience: { id: 'aud-1', version: 1 } }), // 7
  entry('activate', 'ana', 'Activate audience aud-1 v1', { outboxId: 'o3', audience: { id: 'aud-1', version: 1 }, activationId: 'act-1' }), // 8
  entry('analysis', 'ana', 'Ran a segment analysis', { kind: 'segment', specHash: 'old', dataVersions: { customers: 'v4', touchpoints: 'v6' }, ms: 5 }), // 9
];

export function sources(overrides: Partial<LineageSources> = {}): LineageSources {
  return {
    entries: ENTRIES,
    saved: [
      {
        id: 'attr-1',
        kind: 'attribution',
        name: 'Spring attribution',
        versions: [
          { version: 1, specHash: 'hash-attr-1' },
          { version: 2, specHash: 'hash-attr-2' },
        ],
      },
      { id: 'seg-1', kind: 'segment', name: 'Recent buyers', versions: [{ version: 2, specHash: 'hash-seg' }] },
    ],
    installed: [
      installed('touchpoints', 'v7', '1.2.0', [passed('touchpoint_id_unique', 'touchpoint_id'), warned]),
      installed('conversions', 'v3', '2.0.0', [passed('rows', null)]),
      installed('customers', 'v5', '3.1.0', null),
    ],
    productNames: { touchpoints: 'Touchpoints', conversions: 'Conversions', customers: 'Customer 360' },
    audienceNames: {},
    destinationNames: { meta_ads: 'Meta Ads custom audience' },
    ...overrides,
  };
}
