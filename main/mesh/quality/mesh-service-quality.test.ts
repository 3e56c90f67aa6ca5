/**
 * The app's pull path (MeshService over real HTTP to the project's mesh node): quality results
 * stored with the version, an error-level failure refused with the previous version kept and
 * the refusal remembered for the product page, a warning installed and shown on the catalog.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../../../fixtures/mesh/testing/test-support';
import { describeParquetInProcess } from '../describe-parquet';
import { MeshService } from '../mesh-service';
import { FileKeySecretBox } from '../secret-box';
import { changedColumnsUsed, productGovernance } from './product-governance';

let t: TestNode;
beforeAll(async () => {
  t = await startTestNode();
}, 120_000);
afterAll(async () => t?.dispose());

async function service(): Promise<MeshService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-gov-client-'));
  const svc = new MeshService({ dataDir, secretBox: new FileKeySecretBox(join(dataDir, 'key')), describe: describeParquetInProcess });
  await svc.connections.add({ name: 'test mesh', url: t.node.url, token: t.node.tokens.marketer });
  return svc;
}

describe('quality on the app pull path', () => {
  it('keeps the previous version on an error-level failure and remembers why; installs a warning with a badge', async () => {
    const svc = await service();
    const first = await svc.pull('customers');
    expect((await svc.cache.current('customers'))?.quality?.every((q) => q.passed)).toBe(true);
    expect((await svc.listProducts()).find((p) => p.id === 'customers')?.quality).toMatchObject({ status: 'passed', failedErrors: 0, warnings: 0 });

    t.node.publishNewVersion('customers');
    t.node.setFaults({ failQuality: ['customers'] });
    await expect(svc.pull('customers')).rejects.toMatchObject({ code: 'quality_failed', message: expect.stringContaining('rule planted_row_count') });
    t.node.setFaults({});
    expect((await svc.cache.current('customers'))?.version).toBe(first.version);
    const refused = await productGovernance(svc.cache, 'customers');
    expect(refused.refused?.version).not.toBe(first.version);
    expect(refused.refused?.results.find((r) => r.id === 'planted_row_count')).toMatchObject({
      passed: false,
      observed: first.rows,
      threshold: `> ${first.rows}`,
    });
    expect(refused.quality?.version).toBe(first.version);

    t.node.setFaults({ warnQuality: ['customers'] });
    const second = await svc.pull('customers');
    t.node.setFaults({});
    expect(second.version).not.toBe(first.version);
    expect((await svc.listProducts()).find((p) => p.id === 'customers')?.quality).toMatchObject({ status: 'warnings', warnings: 1, failedErrors: 0 });
    const after = await productGovernance(svc.cache, 'customers');
    // The install cleared the refusal; the same contract columns give an empty change log.
    expect(after.refused).toBeNull();
    expect(after.changeLog).toEqual([]);
    expect((await svc.cache.current('customers'))?.contractChanges?.changes).toEqual([]);
  });

  it('logs a changed contract and flags a saved spec that uses the removed column', async () => {
    const svc = await service();
    await svc.pull('customers');
    t.node.publishNewVersion('customers');
    t.node.setFaults({ changeContract: ['customers'] });
    const second = await svc.pull('customers').finally(() => t.node.setFaults({}));
    const { changeLog } = await productGovernance(svc.cache, 'customers');
    expect(changeLog).toHaveLength(1);
    expect(changeLog[0]).toMatchObject({ version: second.version, toVersion: expect.stringMatching(/-changed$/) });
    expect(changeLog[0]?.changes.map((c) => c.text)).toEqual(['Column acquisition_channel was removed', 'SLA latency changed from 24 h to 48 h']);
    const segment = {
      kind: 'segment',
      rule: {
        all: [
          { column: 'acquisition_channel', op: 'in', values: ['video'] },
          { column: 'ltv', op: '>', value: 0 },
        ],
      },
    };
    expect(changedColumnsUsed(segment, changeLog)).toEqual(['acquisition_channel']);
  });
});
