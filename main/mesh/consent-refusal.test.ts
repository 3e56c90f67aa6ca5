import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../engine/duckdb-engine';
import { audienceCreatedSchema, activationSchema } from '../../shared/mesh-api';
import { call, customersParquet, startTestNode, type TestNode } from '../../fixtures/mesh/testing/test-support';
import { runCli } from '../cli/meshwork';
import { ConsentWithdrawnError, consentRefusal, consentWithdrawnMessage } from './consent-refusal';
import { meshJson } from './mesh-http';

describe('consentRefusal', () => {
  it('reads a 409 consent_withdrawn answer into a plain message with the count and the purpose in words', () => {
    const e = consentRefusal(409, { error: { code: 'consent_withdrawn', message: 'node words', count: 12, purpose: 'ads' } });
    expect(e).toBeInstanceOf(ConsentWithdrawnError);
    expect(e).toMatchObject({ code: 'consent_withdrawn', status: 409, count: 12, purpose: 'ads', retryable: false });
    expect(e?.message).toBe(
      'The mesh refused: 12 customers in this list have withdrawn consent for advertising since Customer 360 was pulled. Refresh Customer 360 and activate again: Meshwork then leaves them out.',
    );
  });

  it('says "1 customer ... has" for one, and leaves other answers alone', () => {
    expect(consentWithdrawnMessage(1, 'email', 'Next.')).toBe(
      'The mesh refused: 1 customer in this list has withdrawn consent for marketing e-mail since Customer 360 was pulled. Next.',
    );
    expect(consentRefusal(409, { error: { code: 'not_approved', message: 'no' } })).toBeNull();
    expect(consentRefusal(409, { error: { code: 'consent_withdrawn', message: 'no count' } })).toBeNull();
  });
});

describe('a 409 from the demo node, through the mesh client and the CLI', () => {
  let t: TestNode;
  let audience: { id: string; version: number };

  beforeAll(async () => {
    t = await startTestNode();
    const engine = await DuckDbEngine.open();
    const list = await engine.all<{ customer_id: string; email_sha256: string }>(
      `SELECT customer_id, email_sha256 FROM read_parquet('${customersParquet(t.stateDir)}') WHERE consent_ads ORDER BY customer_id LIMIT 120`,
    );
    engine.close();
    const body = { name: 'Mapped', spec: { kind: 'segment', rule: { all: [] } }, destination: 'meta_ads', holdout_pct: 0, salt: 's', members: list };
    audience = audienceCreatedSchema.parse((await call(t.node, 'marketer', 'POST', '/v1/audiences', body)).body);
    await call(t.node, 'approver', 'POST', `/v1/audiences/${audience.id}/versions/${audience.version}/approve`, {});
    await t.node.withdrawConsent({ customer_ids: list.slice(0, 7).map((m) => m.customer_id), purpose: 'ads' });
  }, 120_000);
  afterAll(async () => t?.dispose());

  it('meshJson throws ConsentWithdrawnError naming the 7 withdrawn customers', async () => {
    const sent = meshJson({ url: t.node.url, token: t.node.tokens.marketer }, '/v1/activations', activationSchema, {
      method: 'POST',
      body: { audience_id: audience.id, version: audience.version },
      idempotencyKey: 'k-client',
    });
    await expect(sent).rejects.toMatchObject({ code: 'consent_withdrawn', count: 7, purpose: 'ads' });
    await expect(sent).rejects.toThrow(/^The mesh refused: 7 customers in this list have withdrawn consent for advertising/);
  });

  it('meshwork activate exits 4 with the plain message and the next step a CLI user can take', async () => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['activate', '--mesh', t.node.url, '--token', t.node.tokens.marketer, '--audience', audience.id, '--version', '1'], {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
      env: {},
    });
    expect(code).toBe(4);
    expect(stdout).toBe('');
    const error = (JSON.parse(stderr) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('consent_withdrawn');
    expect(error.message).toContain('7 customers in this list have withdrawn consent for advertising since Customer 360 was pulled');
    expect(error.message).toContain('meshwork activate sends the approved list as it is');
  });
});
