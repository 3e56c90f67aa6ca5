import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configureLogging } from '../logging/logger';
import { runCli } from './meshwork';

afterEach(() => configureLogging({ kind: 'silent' }));

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

/** A workspace with one run: line 1 pulls Touchpoints, line 2 is an attribution run reading it. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mw-lineage-cli-'));
  const line = (seq: number, action: string, summary: string, details: Record<string, unknown>) =>
    JSON.stringify({ seq, at: `2026-06-30T09:0${seq}:00.000Z`, user: 'ana', action, summary, details, prev: '0'.repeat(64), hash: String(seq).repeat(64) });
  writeFileSync(
    join(dir, 'activity.jsonl'),
    [
      line(1, 'pull', 'Pulled touchpoints v7', { product: 'touchpoints', version: 'v7', rows: 9 }),
      line(2, 'analysis', 'Ran a attribution analysis', {
        kind: 'attribution',
        specHash: 'h',
        reads: [{ product: 'touchpoints', version: 'v7', contractVersion: '1.2.0' }],
      }),
    ].join('\n') + '\n',
  );
  return dir;
}

describe('meshwork lineage', () => {
  it('prints the graph of an analysis run: the product version it read, with its contract version', async () => {
    const { code, stdout, stderr } = await run(['lineage', '--data', workspace(), '--object', 'analysis:2']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const { graph } = JSON.parse(stdout) as { graph: { focus: string; nodes: Array<{ key: string; product: { contractVersion: string } | null }> } };
    expect(graph.focus).toBe('analysis:2');
    expect(graph.nodes.find((n) => n.key === 'product_version:touchpoints@v7')?.product?.contractVersion).toBe('1.2.0');
  });

  it('prints OpenLineage run events with --openlineage', async () => {
    const { code, stdout } = await run([
      'lineage',
      '--data',
      workspace(),
      '--object',
      'product_version:touchpoints@v7',
      '--openlineage',
      '--mesh',
      'http://mesh.test',
    ]);
    expect(code).toBe(0);
    const events = JSON.parse(stdout) as Array<{ eventType: string; inputs: Array<{ namespace: string; name: string }> }>;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ eventType: 'COMPLETE', inputs: [{ namespace: 'http://mesh.test', name: 'touchpoints' }] });
  });

  it('exits 3 for an object the workspace does not know and 2 for a malformed one', async () => {
    const missing = await run(['lineage', '--data', workspace(), '--object', 'analysis:40']);
    expect(missing.code).toBe(3);
    expect(JSON.parse(missing.stderr)).toMatchObject({ error: { code: 'not_found' } });
    const malformed = await run(['lineage', '--data', workspace(), '--object', 'run-40']);
    expect(malformed.code).toBe(2);
    expect(malformed.stdout).toBe('');
  });
});
