import { describe, expect, it } from 'vitest';
import type { AudienceVersion } from '../../../shared/mesh-api';
import { audienceVersionView, lastApprovedBelow } from './audience-version-view';

const review = {
  segment: { id: 's1', name: 'High value', version: 3 },
  data_versions: { customers: '2026.11.1' },
  counts: { segment: 500, members: 300, excluded: { no_consent: 120, missing_identifier: 30, holdout: 50 } },
  members_file: { name: 'members.csv', rows: 300, sha256: 'a'.repeat(64) },
  previous: { version: 1, adds: 40, removes: 7, salt: 'spring', holdout_pct: 10 },
  created_at: '2026-11-30T10:00:00.000Z',
};

const pending: AudienceVersion = {
  id: 'aud_1',
  version: 3,
  name: 'High value ads',
  status: 'pending_approval',
  requested_by: 'maya.marketer',
  member_count: 300,
  destination: 'meta_ads',
  spec: { kind: 'segment', as_of: '2026-06-30T00:00:00Z', rule: { all: [{ event: 'add_to_cart' }] }, review },
  holdout_pct: 10,
  salt: 'spring',
  comment: null,
  excluded: { no_consent: 0, in_holdout: 0 },
};
const approved: AudienceVersion = {
  ...pending,
  version: 1,
  status: 'approved',
  approved_by: 'avery.approver',
  comment: 'ok',
  spec: { rule: { all: [] } },
  member_count: 267,
};
const destinations = [{ id: 'meta_ads', name: 'Meta Ads custom audience', purpose: 'ads', identifier: 'email_sha256' }];

describe('audienceVersionView', () => {
  it('names the destination, parses the rule with defaults and carries the review package', () => {
    const view = audienceVersionView({ version: pending, destinations, lastApproved: approved, session: { user: 'avery.approver', roles: ['approver'] } });
    expect(view.destination).toEqual({ id: 'meta_ads', name: 'Meta Ads custom audience', purpose: 'ads', identifier: 'email_sha256' });
    expect(view.rule).toEqual({ all: [{ event: 'add_to_cart', min_count: 1 }] });
    expect(view.as_of).toBe('2026-06-30T00:00:00Z');
    expect(view.review?.counts.excluded).toEqual({ no_consent: 120, missing_identifier: 30, holdout: 50 });
    expect(view.review?.previous).toEqual({ version: 1, adds: 40, removes: 7, salt: 'spring', holdout_pct: 10 });
    expect(view.last_approved).toEqual({
      version: 1,
      rule: { all: [] },
      destination: 'meta_ads',
      destination_name: 'Meta Ads custom audience',
      holdout_pct: 10,
      salt: 'spring',
      member_count: 267,
    });
    expect(view.canApprove).toBe(true);
    expect(view.comment).toBeNull();
  });

  it('keeps four eyes: never for the requester, nor a non-approver, nor a decided version', () => {
    expect(
      audienceVersionView({ version: pending, destinations, lastApproved: null, session: { user: 'maya.marketer', roles: ['approver'] } }).canApprove,
    ).toBe(false);
    expect(audienceVersionView({ version: pending, destinations, lastApproved: null, session: { user: 'ari.analyst', roles: ['analyst'] } }).canApprove).toBe(
      false,
    );
    const rejected = { ...pending, status: 'rejected' as const, rejected_by: 'avery.approver', comment: 'Exclude churned customers' };
    const view = audienceVersionView({ version: rejected, destinations, lastApproved: null, session: { user: 'avery.approver', roles: ['approver'] } });
    expect(view.canApprove).toBe(false);
    expect(view.decided_by).toBe('avery.approver');
    expect(view.comment).toBe('Exclude churned customers');
  });

  it('falls back to ids and nulls for what another client did not send', () => {
    const bare: AudienceVersion = {
      id: 'aud_2',
      version: 1,
      name: 'API made',
      status: 'pending_approval',
      requested_by: 'x',
      member_count: 0,
      destination: 'gone',
      spec: { rule: { bogus: 1 }, review: { counts: 1 } },
    };
    const view = audienceVersionView({ version: bare, destinations, lastApproved: null, session: { user: 'y', roles: [] } });
    expect(view.destination).toEqual({ id: 'gone', name: 'gone', purpose: null, identifier: null });
    expect(view.rule).toBeNull();
    expect(view.review).toBeNull();
    expect(view.mesh_excluded).toBeNull();
    expect(view.holdout_pct).toBeNull();
  });
});

describe('lastApprovedBelow', () => {
  it('is the highest approved version of the same audience below the one reviewed', () => {
    const s = (id: string, version: number, status: 'approved' | 'rejected' | 'pending_approval') => ({
      id,
      version,
      status,
      name: 'n',
      requested_by: 'r',
      member_count: 0,
      destination: 'd',
    });
    const all = [
      s('a', 1, 'approved'),
      s('a', 2, 'approved'),
      s('a', 3, 'rejected'),
      s('a', 4, 'pending_approval'),
      s('a', 5, 'approved'),
      s('b', 3, 'approved'),
    ];
    expect(lastApprovedBelow(all, 'a', 4)?.version).toBe(2);
    expect(lastApprovedBelow(all, 'a', 2)?.version).toBe(1);
    expect(lastApprovedBelow(all, 'a', 1)).toBeUndefined();
  });
});
