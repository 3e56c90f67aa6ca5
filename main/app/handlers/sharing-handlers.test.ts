import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSharing, type TestSharing } from '../../../fixtures/delta-sharing/testing/test-support';
import { AppError } from '../../../shared/ipc/errors';
import { SharingProfileStore } from '../../mesh/delta-sharing/profile-store';
import { ExtractCache } from '../../mesh/extract-cache';
import { FileKeySecretBox } from '../../mesh/secret-box';
import { AppEvents } from '../app-events';
import type { AppContext } from '../app-context';
import { JobTracker } from '../job-tracker';
import { createSharingHandlers } from './sharing-handlers';

let t: TestSharing;
let dir: string;
const logged: { action: string; summary: string }[] = [];
let refreshed = 0;
let ctx: AppContext;
let jobs: JobTracker;
beforeAll(async () => {
  t = await startTestSharing();
  dir = mkdtempSync(join(tmpdir(), 'mw-sharing-app-'));
  jobs = new JobTracker(new AppEvents());
  ctx = {
    jobs,
    services: {
      sharingProfiles: new SharingProfileStore(join(dir, 'sharing-profiles.json'), new FileKeySecretBox(join(dir, 'key'))),
      mesh: { cache: new ExtractCache(join(dir, 'cache')), logActivity: async (e: { action: string; summary: string }) => void logged.push(e) },
      refreshData: async () => {
        refreshed++;
        return [];
      },
    },
  } as unknown as AppContext;
}, 180_000);
afterAll(async () => t?.dispose());

async function finished(jobId: string) {
  for (let i = 0; i < 400; i++) {
    const job = jobs.list().find((j) => j.id === jobId);
    if (job && job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

describe('Delta Sharing in the app', () => {
  it('adds a profile with its token sealed, lists its tables without an ODCS contract and pulls one into the cache as a core product', async () => {
    const h = createSharingHandlers(ctx);
    const { profile } = await h.addProfile({ name: 'Partner', profile: JSON.stringify(t.server.profile()) });
    expect(profile).toMatchObject({ name: 'Partner', endpoint: t.server.endpoint, expired: false });
    expect(readFileSync(join(dir, 'sharing-profiles.json'), 'utf8')).not.toContain(t.server.token);
    expect(JSON.stringify(await h.listProfiles({}))).not.toContain(t.server.token);

    const { tables } = await h.catalog({ id: profile.id });
    expect(tables.map((x) => x.table)).toEqual(['marketing.web.touchpoints', 'marketing.sales.orders', 'partners.media.campaign_spend']);
    expect(tables.every((x) => x.contract === null)).toBe(true);

    const { jobId } = await h.pull({ id: profile.id, table: 'marketing.sales.orders', as: 'conversions', columns: { revenue: 'order_value' } });
    const job = await finished(jobId);
    expect(job.state).toBe('done');
    const cache = ctx.services.mesh.cache as ExtractCache;
    const current = await cache.current('conversions');
    expect(current).toMatchObject({ version: 'v3', meshUrl: `delta-sharing:${t.server.endpoint}` });
    expect(readdirSync(join(cache.versionDir('conversions', 'v3'), 'conversions')).filter((f) => f.endsWith('.parquet'))).toHaveLength(1);
    expect(refreshed).toBe(1);
    expect(logged.map((e) => e.action)).toEqual(['connection', 'pull']);
  });

  it('refuses a bad profile with the path of the problem, and fails a pull whose mapping does not fit', async () => {
    const h = createSharingHandlers(ctx);
    const bad = await h.addProfile({ name: 'Bad', profile: JSON.stringify({ ...t.server.profile(), endpoint: 'nope' }) }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(AppError);
    expect(bad).toMatchObject({ code: 'invalid_profile', path: 'profile.endpoint' });
    const [first] = (await h.listProfiles({})).profiles;
    const { jobId } = await h.pull({ id: first!.id, table: 'marketing.sales.orders', as: 'conversions' });
    const job = await finished(jobId);
    expect(job.state).toBe('failed');
    expect(job.detail).toMatch(/column revenue is missing/);
  });
});
