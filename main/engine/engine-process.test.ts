import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromIpc } from './arrow';
import { DuckDbEngine } from './duckdb-engine';

describe('engine process', () => {
  it('serves the protocol over child_process.fork with Arrow bytes intact', async () => {
    const child = fork(fileURLToPath(new URL('./engine-process.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const answers = new Map<unknown, unknown>();
    const waitFor = (id: unknown): Promise<unknown> =>
      new Promise((resolve) => {
        const check = (): void => {
          if (answers.has(id)) resolve(answers.get(id));
          else setTimeout(check, 10);
        };
        check();
      });
    child.on('message', (m: { id: unknown; progress?: number }) => {
      if (m.progress === undefined) answers.set(m.id, m);
    });
    try {
      child.send({ id: 1, method: 'assignments.available', params: {} });
      expect(await waitFor(1)).toEqual({ id: 1, ok: true, result: false });
      child.send({ id: 2, method: 'campaigns.gridPage', params: { query: 'nope' } });
      expect(await waitFor(2)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      child.send({ id: 3, method: 'openWorkspace', params: { path: ':memory:' } });
      expect(await waitFor(3)).toMatchObject({ ok: true });
      child.send({ id: 4, method: 'analysis.run', params: { spec: { kind: 'nope' } } });
      expect(await waitFor(4)).toMatchObject({ ok: false, error: { code: 'unknown_kind', path: 'kind' } });
      const dir = mkdtempSync(join(tmpdir(), 'meshwork-proc-'));
      const writer = await DuckDbEngine.open();
      await writer.run(`COPY (SELECT DATE '2026-06-01' AS "date", 'k' || i AS campaign_id, 'K' || i AS campaign_name, 'meta' AS platform, 'social' AS channel,
        's' || i AS ad_set_id, 'a' || i AS ad_id, i * 1.5 AS spend, 100 AS impressions, 10 AS clicks, 1.0 AS conversions, 2.0 AS revenue FROM range(3) t(i))
        TO '${join(dir, 'campaign_performance.parquet')}' (FORMAT parquet)`);
      writer.close();
      child.send({ id: 5, method: 'loadProducts', params: { dataDir: dir } });
      expect(await waitFor(5)).toMatchObject({ ok: true, result: [{ id: 'campaign_performance', rows: 3 }] });
      rmSync(dir, { recursive: true, force: true });
      const filter = { from: '2026-06-01', to: '2026-06-01', channels: [], platforms: [], campaigns: [] };
      child.send({
        id: 6,
        method: 'campaigns.gridPage',
        params: { query: { filter, level: 'campaign', parent: {}, search: '' }, sort: [], startRow: 0, endRow: 2 },
      });
      const page = (await waitFor(6)) as { result: { total: number; arrow: Uint8Array } };
      expect(page.result.total).toBe(3);
      expect(page.result.arrow).toBeInstanceOf(Uint8Array);
      // spend = 1.5 i for i = 0..2, by spend descending (the grid's default order): 3, 1.5.
      expect(fromIpc(page.result.arrow).getChild('spend')?.toArray()).toEqual(new Float64Array([3, 1.5]));
    } finally {
      child.kill();
    }
  });
});
