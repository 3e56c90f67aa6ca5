import { describe, expect, it } from 'vitest';
import type { DryRun } from '../../shared/ipc/audiences-contract';
import { parseRule } from '../../shared/specs/segment-rule';
import type { AppContext } from './app-context';
import { AudienceBuilder, scoreProductsRead, type BuiltAudience } from './audience-builder';

const dry = { segmentSize: 2, members: 1, excluded: { no_consent: 1, missing_identifier: 0, holdout: 0 }, holdoutSize: 0 } as DryRun;

function built(rule: unknown, modelVersions?: Record<string, string>): BuiltAudience {
  return {
    input: { name: 'At risk', segmentId: 's1', destination: 'meta_ads', holdout_pct: 0, salt: 'x' } as BuiltAudience['input'],
    segment: { id: 's1', name: 'At risk', version: 1, spec: { rule: parseRule(rule, ['rule']), as_of: '2026-10-31T00:00:00Z' } },
    destination: { id: 'meta_ads', name: 'Meta', purpose: 'ads', identifier: 'email_sha256' } as BuiltAudience['destination'],
    rows: [
      { customer_id: 'c_1', status: 'member', email_sha256: 'a'.repeat(64) },
      { customer_id: 'c_2', status: 'no_consent', email_sha256: null },
    ],
    dataVersions: { customers: '2026-10-31.1', churn_scores: '2026-10-31.2' },
    ...(modelVersions ? { modelVersions } : {}),
  };
}

describe('audience manifest and model scores', () => {
  const builder = new AudienceBuilder({ host: { dataDir: '/nonexistent' } } as unknown as AppContext);

  it('finds the score products a segment reads', () => {
    expect(
      scoreProductsRead(
        parseRule({ all: [{ attribute: 'country', op: '=', value: 'US' }, { not: { attribute: 'churn_probability', op: '<', value: 0.5 } }] }, ['rule']),
      ),
    ).toEqual(['churn_scores']);
    expect(scoreProductsRead(parseRule({ attribute: 'country', op: '=', value: 'US' }, ['rule']))).toEqual([]);
  });

  it('records the model version beside the data versions when the segment uses churn scores', () => {
    const manifest = JSON.parse(
      builder.reviewFiles(built({ attribute: 'churn_probability', op: '>=', value: 0.5 }, { churn_scores: 'churn-logreg-1.0+3a859e77' }), dry).manifest,
    );
    expect(manifest.model_version).toEqual({ churn_scores: 'churn-logreg-1.0+3a859e77' });
    expect(manifest.data_versions.churn_scores).toBe('2026-10-31.2');
    expect(manifest.members_file.rows).toBe(1);
    const plain = JSON.parse(builder.reviewFiles(built({ attribute: 'country', op: '=', value: 'US' }), dry).manifest);
    expect(plain).not.toHaveProperty('model_version');
  });
});
