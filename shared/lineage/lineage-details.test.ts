import { describe, expect, it } from 'vitest';
import { outboxLineageDetails, readLineageDetails } from './lineage-details';

describe('outboxLineageDetails', () => {
  it('a submission: the audience version the mesh created, its segment, what it read and its destination', () => {
    const details = outboxLineageDetails({
      kind: 'submit_audience',
      path: '/v1/audiences',
      body: {
        name: 'Spring buyers',
        destination: 'meta_ads',
        spec: {
          kind: 'segment',
          review: { segment: { id: 's1', name: 'Recent buyers', version: 3 }, reads: [{ product: 'customers', version: 'v5', contractVersion: '3.1.0' }] },
        },
      },
      result: { id: 'aud-1', version: 2, status: 'pending_approval' },
    });
    expect(details).toEqual({
      audience: { id: 'aud-1', version: 2 },
      segment: { id: 's1', name: 'Recent buyers', version: 3 },
      reads: [{ product: 'customers', version: 'v5', contractVersion: '3.1.0' }],
      destination: 'meta_ads',
      audienceName: 'Spring buyers',
    });
  });

  it('a decision: the version from the path (ids are URL-encoded there)', () => {
    expect(outboxLineageDetails({ kind: 'approve', path: '/v1/audiences/aud%201/versions/4/approve', body: { comment: '' }, result: null })).toEqual({
      audience: { id: 'aud 1', version: 4 },
    });
    expect(outboxLineageDetails({ kind: 'reject', path: '/v1/audiences/a/versions/1/reject', body: {}, result: null })).toEqual({
      audience: { id: 'a', version: 1 },
    });
  });

  it('an activation: the version sent and the activation id', () => {
    expect(
      outboxLineageDetails({ kind: 'activate', path: '/v1/activations', body: { audience_id: 'a', version: 2 }, result: { id: 'act-7', status: 'queued' } }),
    ).toEqual({
      audience: { id: 'a', version: 2 },
      activationId: 'act-7',
    });
  });

  it('a submission the mesh answered oddly records what it can', () => {
    expect(outboxLineageDetails({ kind: 'submit_audience', path: '/v1/audiences', body: { spec: {} }, result: 'weird' })).toEqual({});
  });
});

describe('readLineageDetails', () => {
  it('keeps the well-formed fields and drops a malformed one without losing the rest', () => {
    // An audience review export records the audience *name* under `audience`: not a version ref.
    const details = readLineageDetails({ audience: 'Spring buyers', reads: [{ product: 'customers', version: 'v1', contractVersion: null }], rows: 3 });
    expect(details).toEqual({ reads: [{ product: 'customers', version: 'v1', contractVersion: null }] });
  });
});
