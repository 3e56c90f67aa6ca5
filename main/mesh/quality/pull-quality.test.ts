import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../../../fixtures/mesh/testing/test-support';
import { runCli } from '../../cli/meshwork';
import type { QualityResult } from '../../../shared/contracts/quality-rules';

let t: TestNode;
beforeAll(async () => {
  t = await startTestNode();
}, 120_000);
afterAll(async () => t?.dispose());

async function pull(out: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['pull', '--mesh', t.node.url, '--token', t.node.tokens.analyst, '--product', 'customers', '--out', out], {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    env: {},
  });
  return { code, stdout, stderr };
}

describe('meshwork pull runs the contract quality rules', () => {
  it('prints every rule with its observed value when all pass', async () => {
    const r = await pull(mkdtempSync(join(tmpdir(), 'mw-q-')));
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { rows: number; quality: QualityResult[] };
    const byId = new Map(summary.quality.map((q) => [q.id, q]));
    expect(byId.get('has_rows')).toEqual({
      id: 'has_rows',
      column: null,
      severity: 'error',
      text: 'At least 1 row',
      passed: true,
      observed: summary.rows,
      threshold: '> 0',
    });
    expect(byId.get('customer_id_unique')).toMatchObject({ text: 'customer_id has no duplicates', passed: true, observed: 0, threshold: '= 0' });
    expect(byId.get('lifecycle_stage_values')?.text).toBe('lifecycle_stage is one of lead, mql, sql, customer, churned (where set)');
    expect(summary.quality.every((q) => q.passed)).toBe(true);
  });

  it('refuses an error-level failure: exit 4, quality_failed naming rule, value and threshold, earlier pull kept', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mw-q-'));
    expect((await pull(out)).code).toBe(0);
    const before = readdirSync(join(out, 'customers')).map((f) => [f, readFileSync(join(out, 'customers', f)).length]);
    t.node.setFaults({ failQuality: ['customers'] });
    const r = await pull(out).finally(() => t.node.setFaults({}));
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    const error = (JSON.parse(r.stderr) as { error: { code: string; message: string; quality: QualityResult[] } }).error;
    const rows = error.quality.find((q) => q.id === 'has_rows')?.observed as number;
    expect(error.code).toBe('quality_failed');
    expect(error.message).toContain(`At least ${rows + 1} rows: observed ${rows}, expected > ${rows} (rule planted_row_count)`);
    expect(error.quality.find((q) => q.id === 'planted_row_count')).toMatchObject({ passed: false, severity: 'error', observed: rows });
    expect(readdirSync(out)).toEqual(['customers']);
    expect(readdirSync(join(out, 'customers')).map((f) => [f, readFileSync(join(out, 'customers', f)).length])).toEqual(before);
  });

  it('installs despite a warning-level failure and reports it', async () => {
    t.node.setFaults({ warnQuality: ['customers'] });
    const r = await pull(mkdtempSync(join(tmpdir(), 'mw-q-'))).finally(() => t.node.setFaults({}));
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { quality: QualityResult[] };
    expect(summary.quality.filter((q) => !q.passed)).toMatchObject([{ id: 'planted_row_count', severity: 'warning' }]);
  });
});
