import { describe, expect, it } from 'vitest';
import { namedSummary, type OutboxNames } from './outbox-names';

const names: OutboxNames = {
  audience: (id) => (id === 'aud_1' ? 'High value ads' : undefined),
  destination: (id) => (id === 'meta_ads' ? 'Meta Ads custom audience' : undefined),
};

describe('namedSummary', () => {
  it('names audiences and destinations instead of their ids', () => {
    expect(
      namedSummary({ kind: 'approve', summary: 'Approve audience aud_1 v2', path: '/v1/audiences/aud_1/versions/2/approve', body: { comment: '' } }, names),
    ).toBe('Approve audience High value ads v2');
    expect(
      namedSummary({ kind: 'reject', summary: 'Reject audience aud_1 v3', path: '/v1/audiences/aud_1/versions/3/reject', body: { comment: 'no' } }, names),
    ).toBe('Reject audience High value ads v3');
    expect(
      namedSummary({ kind: 'activate', summary: 'Activate audience aud_1 v2', path: '/v1/activations', body: { audience_id: 'aud_1', version: 2 } }, names),
    ).toBe('Activate audience High value ads v2');
    expect(
      namedSummary(
        {
          kind: 'submit_audience',
          summary: 'Submit audience A (1 members) to meta_ads',
          path: '/v1/audiences',
          body: { name: 'A', destination: 'meta_ads', members: [{}] },
        },
        names,
      ),
    ).toBe('Submit audience A (1 member) to Meta Ads custom audience');
  });

  it('keeps the original summary where a name is unknown', () => {
    expect(namedSummary({ kind: 'approve', summary: 'Approve audience aud_9 v1', path: '/v1/audiences/aud_9/versions/1/approve', body: {} }, names)).toBe(
      'Approve audience aud_9 v1',
    );
    expect(
      namedSummary({ kind: 'activate', summary: 'Activate audience aud_9 v1', path: '/v1/activations', body: { audience_id: 'aud_9', version: 1 } }, names),
    ).toBe('Activate audience aud_9 v1');
    expect(
      namedSummary(
        {
          kind: 'submit_audience',
          summary: 'Submit audience A (2 members) to x',
          path: '/v1/audiences',
          body: { name: 'A', destination: 'x', members: [{}, {}] },
        },
        names,
      ),
    ).toBe('Submit audience A (2 members) to x');
  });
});
