import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSharing, type TestSharing } from '../../../fixtures/delta-sharing/testing/test-support';
import { MeshError } from '../mesh-error';
import { SharingClient } from './sharing-client';

let t: TestSharing;
beforeAll(async () => {
  // One item per page, so every list goes through nextPageToken.
  t = await startTestSharing({ defaultPageSize: 1 });
}, 180_000);
afterAll(async () => t?.dispose());

const client = () => new SharingClient(t.server.profile());

describe('SharingClient', () => {
  it('lists shares, schemas and tables across pages (the catalog of a profile)', async () => {
    expect((await client().listShares()).map((s) => s.name)).toEqual(['marketing', 'partners']);
    expect((await client().listSchemas('marketing')).map((s) => s.name)).toEqual(['web', 'sales']);
    expect((await client().listTables('marketing', 'web')).map((x) => x.name)).toEqual(['touchpoints']);
    expect((await client().listAllTables()).map((x) => `${x.share}.${x.schema}.${x.name}`)).toEqual([
      'marketing.web.touchpoints',
      'marketing.sales.orders',
      'partners.media.campaign_spend',
    ]);
  });

  it('reads the version header, the metadata and the query NDJSON', async () => {
    const ref = { share: 'marketing', schema: 'web', name: 'touchpoints' };
    expect(await client().tableVersion(ref)).toBe(7);
    const meta = await client().metadata(ref);
    expect(meta.version).toBe(7);
    expect(meta.metaData.partitionColumns).toEqual(['date']);
    const q = await client().query(ref, { predicateHints: ["date = '2026-06-01'"] });
    expect(q.files.map((f) => f.partitionValues.date)).toEqual(['2026-06-01']);
  });

  it('turns protocol errors into clear MeshErrors without the token', async () => {
    const missing = await client()
      .listSchemas('nope')
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(MeshError);
    expect(missing).toMatchObject({ status: 404, code: 'not_found' });
    const wrong = await new SharingClient({ ...t.server.profile(), bearerToken: 'not-the-token' }).listShares().catch((e: unknown) => e);
    expect(wrong).toMatchObject({ status: 401, code: 'credentials_rejected' });
    expect((wrong as Error).message).not.toContain('not-the-token');
  });
});
