// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AudienceVersionView } from '../../../../shared/ipc/audiences-contract';
import type { MeshworkApi } from '../../../../shared/ipc/contract';
import { ApiProvider, createQueryClient } from '../../api/queries';
import { AudienceReviewPage } from './AudienceReviewPage';

afterEach(cleanup);

const pending: AudienceVersionView = {
  id: 'aud_1',
  version: 1,
  name: 'High value ads',
  status: 'pending_approval',
  requested_by: 'maya.marketer',
  created_at: '2026-11-30T09:00:00Z',
  decided_by: null,
  decided_at: null,
  comment: null,
  destination: { id: 'meta_ads', name: 'Meta Ads custom audience', purpose: 'ads', identifier: 'email_sha256' },
  rule: {
    all: [
      { attribute: 'lifecycle_stage', op: '=', value: 'customer' },
      { attribute: 'ltv', op: '>', value: 500 },
    ],
  },
  as_of: '2026-10-31T00:00:00Z',
  holdout_pct: 10,
  salt: 'spring',
  member_count: 348,
  mesh_excluded: { no_consent: 0, in_holdout: 0 },
  review: {
    segment: { id: 's1', name: 'High value', version: 1 },
    data_versions: { customers: '2026-10-31.1' },
    counts: { segment: 682, members: 348, excluded: { no_consent: 268, missing_identifier: 0, holdout: 66 } },
    members_file: { name: 'members.csv', rows: 348, sha256: 'ab'.repeat(32) },
    previous: null,
    created_at: '2026-11-30T09:00:00Z',
  },
  last_approved: null,
  canApprove: true,
  isApprover: true,
  me: 'avery.approver',
};

/** The mesh behind the contract's audiences calls: one version, decided by approve/reject as the mesh would. */
function fakeClient(initial: AudienceVersionView) {
  let view = { ...initial };
  const calls: Array<{ what: string; comment: string }> = [];
  const decide =
    (what: 'approve' | 'reject') =>
    async ({ comment }: { comment: string }) => {
      calls.push({ what, comment });
      view = { ...view, status: what === 'approve' ? 'approved' : 'rejected', decided_by: view.me, comment, canApprove: false };
      return { item: { id: 'o1', kind: what, summary: what, state: 'sent', attempts: 1, lastError: null, createdAt: '', result: null } };
    };
  const audiences = { version: async () => ({ ...view }), approve: decide('approve'), reject: decide('reject') };
  return { client: { audiences } as unknown as MeshworkApi, calls };
}

function renderPage(client: MeshworkApi) {
  render(
    <ApiProvider client={client} queryClient={createQueryClient()}>
      <AudienceReviewPage version={{ id: 'aud_1', version: 1 }} />
    </ApiProvider>,
  );
}

describe('AudienceReviewPage', () => {
  it('shows the version by name with the rule in words and the exclusions, and rejects only with a comment', async () => {
    const { client, calls } = fakeClient(pending);
    renderPage(client);
    expect(await screen.findByText('High value ads, version 1')).toBeTruthy();
    expect(screen.getByTestId('review-rule').textContent).toBe('lifecycle stage is customer AND lifetime value above $500');
    expect(screen.getByTestId('review-destination').textContent).toBe('Meta Ads custom audience');
    expect(screen.getByTestId('review-destination').getAttribute('title')).toBe('meta_ads');
    expect(screen.getByTestId('review-excl-holdout').textContent).toBe('−66');
    expect(screen.getByTestId('review-excl-consent').textContent).toBe('−268');
    const reject = screen.getByTestId('review-reject') as HTMLButtonElement;
    expect(reject.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('review-comment-input'), { target: { value: '  Too broad  ' } });
    expect(reject.disabled).toBe(false);
    fireEvent.click(reject);
    await waitFor(() => expect(screen.getByTestId('review-decision').textContent).toContain('Rejected by avery.approver'));
    expect(calls).toEqual([{ what: 'reject', comment: 'Too broad' }]);
    expect(screen.getByTestId('review-comment').textContent).toBe('Too broad');
    expect(screen.queryByTestId('review-decide')).toBeNull();
  });

  it('offers no decision on your own request (four eyes)', async () => {
    const { client } = fakeClient({ ...pending, canApprove: false, me: 'maya.marketer' });
    renderPage(client);
    expect(await screen.findByTestId('review-own-request')).toBeTruthy();
    expect(screen.queryByTestId('review-approve')).toBeNull();
    expect(screen.queryByTestId('review-reject')).toBeNull();
  });

  it("shows the requester the approver's rejection and comment", async () => {
    const { client } = fakeClient({
      ...pending,
      status: 'rejected',
      decided_by: 'avery.approver',
      comment: 'Exclude churned customers',
      canApprove: false,
      isApprover: false,
      me: 'maya.marketer',
    });
    renderPage(client);
    expect((await screen.findByTestId('review-decision')).textContent).toContain('Rejected by avery.approver');
    expect(screen.getByTestId('review-comment').textContent).toBe('Exclude churned customers');
    expect(screen.getByTestId('review-decision').textContent).toContain('version 2');
  });
});
