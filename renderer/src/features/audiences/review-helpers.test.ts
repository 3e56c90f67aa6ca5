import { describe, expect, it } from 'vitest';
import type { AudienceVersionView } from '../../../../shared/ipc/audiences-contract';
import { changesSinceApproved } from './review-changes';
import { parseVersionParam, versionParam } from './version-ref';

describe('version route param', () => {
  it('round-trips id@version and refuses anything else', () => {
    expect(parseVersionParam(versionParam({ id: 'aud_3f2a', version: 12 }))).toEqual({ id: 'aud_3f2a', version: 12 });
    for (const bad of [null, '', 'aud_1', 'aud_1@0', 'aud_1@-1', 'aud_1@1.5', '@2', 'a/b@1', 'aud_1@2@3']) expect(parseVersionParam(bad)).toBeNull();
  });
});

const base: AudienceVersionView = {
  id: 'aud_1',
  version: 3,
  name: 'High value ads',
  status: 'pending_approval',
  requested_by: 'maya.marketer',
  created_at: null,
  decided_by: null,
  decided_at: null,
  comment: null,
  destination: { id: 'meta_ads', name: 'Meta Ads custom audience', purpose: 'ads', identifier: 'email_sha256' },
  rule: { all: [{ attribute: 'ltv', op: '>=', value: 100 }] },
  as_of: null,
  holdout_pct: 10,
  salt: 'spring',
  member_count: 300,
  mesh_excluded: null,
  review: null,
  last_approved: null,
  canApprove: true,
  isApprover: true,
  me: 'avery.approver',
};

describe('changesSinceApproved', () => {
  it('is empty without an approved version', () => {
    expect(changesSinceApproved(base)).toEqual([]);
  });

  it('names each change and the member diff the requester counted', () => {
    const view: AudienceVersionView = {
      ...base,
      last_approved: {
        version: 1,
        rule: { all: [{ attribute: 'ltv', op: '>=', value: 500 }] },
        destination: 'google_ads',
        destination_name: 'Google Ads Customer Match',
        holdout_pct: 5,
        salt: 'winter',
        member_count: 250,
      },
      review: {
        segment: { id: 's', name: 'High value', version: 1 },
        data_versions: {},
        counts: { segment: 1, members: 300, excluded: { no_consent: 0, missing_identifier: 0, holdout: 0 } },
        members_file: { name: 'members.csv', rows: 300, sha256: 'f'.repeat(64) },
        previous: { version: 1, adds: 60, removes: 10, salt: 'winter', holdout_pct: 5 },
        created_at: '2026-11-30T00:00:00Z',
      },
    };
    expect(changesSinceApproved(view)).toEqual([
      'Rule was: lifetime value at least $500.',
      'Destination was Google Ads Customer Match.',
      'Holdout was 5%, now 10%.',
      'Holdout salt was “winter”, now “spring”: the held-out people are a different set.',
      'Members: +60 added, −10 removed (250 in version 1).',
    ]);
  });

  it('says only the member totals when nothing else changed and no diff was counted', () => {
    const view: AudienceVersionView = {
      ...base,
      last_approved: {
        version: 2,
        rule: base.rule,
        destination: 'meta_ads',
        destination_name: 'Meta Ads custom audience',
        holdout_pct: 10,
        salt: 'spring',
        member_count: 280,
      },
    };
    expect(changesSinceApproved(view)).toEqual(['Members: 300 now, 280 in version 2.']);
  });
});
