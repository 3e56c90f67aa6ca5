import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastAudienceList, rememberAudienceList, type AudienceListRow } from './audience-list-cache';

const row: AudienceListRow = {
  id: 'aud_1',
  version: 2,
  name: 'High value ads',
  status: 'rejected',
  requested_by: 'maya.marketer',
  member_count: 120,
  destination: 'meta_ads',
  destination_name: 'Meta Ads custom audience',
  purpose: 'ads',
  decided_by: 'avery.approver',
  comment: 'Too broad',
  canApprove: false,
  holdout: 12,
  activations: [],
};

describe('audience list cache', () => {
  it('gives back the last list of the same connection with when it was seen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-audcache-'));
    expect(await lastAudienceList(dir, 'c1')).toBeNull();
    await rememberAudienceList(dir, 'c1', [row], '2026-11-30T10:00:00.000Z');
    expect(await lastAudienceList(dir, 'c1')).toEqual({ seenAt: '2026-11-30T10:00:00.000Z', audiences: [row] });
  });

  it("never shows another mesh's list, nor an unreadable file", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-audcache-'));
    await rememberAudienceList(dir, 'c1', [row]);
    expect(await lastAudienceList(dir, 'c2')).toBeNull();
    writeFileSync(join(dir, 'audiences-list.json'), '{not json');
    expect(await lastAudienceList(dir, 'c1')).toBeNull();
    writeFileSync(join(dir, 'audiences-list.json'), JSON.stringify({ connectionId: 'c1', seenAt: 'x', audiences: [{ id: 1 }] }));
    expect(await lastAudienceList(dir, 'c1')).toBeNull();
  });
});
