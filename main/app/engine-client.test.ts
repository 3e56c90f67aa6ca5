import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../engine/duckdb-engine';
import { createEngineService } from '../engine/engine-service';
import { EngineClient, type EngineTransport } from './engine-client';
import { nodeEngineTransport } from './node-engine-transport';

process.env.MESHWORK_ENGINE_FROM_SOURCE = '1';

/** A folder with customers.parquet: c_0..c_2, ltv 0, 1.5, 3. */
async function customersDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'meshwork-client-'));
  const writer = await DuckDbEngine.open();
  await writer.run(
    `COPY (SELECT 'c_' || i AS customer_id, CAST(i * 1.5 AS DOUBLE) AS ltv FROM range(3) t(i)) TO '${join(dir, 'customers.parquet')}' (FORMAT parquet)`,
  );
  writer.close();
  return dir;
}

describe('engine process client', () => {
  let client: EngineClient | null = null;
  afterEach(() => client?.close());

  it('runs named operations in the engine process and returns their results', async () => {
    client = new EngineClient(nodeEngineTransport);
    const dir = await customersDir();
    try {
      const parts = await client.call('describeParquet', { files: [join(dir, 'customers.parquet')] });
      expect(parts).toEqual({
        columns: [
          { name: 'customer_id', type: 'VARCHAR' },
          { name: 'ltv', type: 'DOUBLE' },
        ],
        rows: 3,
      });
      const loaded = await client.call('loadProducts', { dataDir: dir });
      expect(loaded.map((p) => [p.id, p.rows])).toEqual([['customers', 3]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await expect(client.call('segments.count', { rule: { attribute: 'ltv', op: '>', value: 1 } })).resolves.toEqual({ count: 2 });
  });

  it('reports engine errors with their code and path and keeps serving', async () => {
    client = new EngineClient(nodeEngineTransport);
    await expect(client.call('analysis.run', { spec: { kind: 'nope' } })).rejects.toMatchObject({ code: 'unknown_kind', path: 'kind' });
    await expect(client.call('segments.count', { rule: { all: [] } })).rejects.toMatchObject({ code: expect.any(String) });
    await expect(client.call('experiments.list', { withRegistry: false })).rejects.toMatchObject({ code: 'engine_error' });
    await expect(client.call('assignments.available', {})).resolves.toBe(false);
  });

  it('restarts the engine after its process dies', async () => {
    let spawned = 0;
    let kill: (() => void) | null = null;
    client = new EngineClient((): EngineTransport => {
      spawned++;
      const transport = nodeEngineTransport();
      kill = transport.kill;
      return transport;
    });
    await client.call('assignments.available', {});
    kill!();
    await new Promise((r) => setTimeout(r, 300));
    await expect(client.call('assignments.available', {})).resolves.toBe(false);
    expect(spawned).toBe(2);
  });

  it('replays the session settings right after the workspace reopens when the engine restarts', async () => {
    // In-process engines whose "process" can die: the access policy must survive the restart.
    let die: (() => void) | null = null;
    client = new EngineClient((): EngineTransport => {
      const service = createEngineService();
      let listener: (message: unknown) => void = () => undefined;
      let onExit: (code: number | null) => void = () => undefined;
      die = () => {
        service.close();
        onExit(1);
      };
      return {
        send: (message) => void service.handle(message).then((answer) => listener(answer)),
        onMessage: (l) => {
          listener = l;
        },
        onExit: (l) => {
          onExit = l;
        },
        kill: () => service.close(),
      };
    });
    const dir = mkdtempSync(join(tmpdir(), 'meshwork-client-ws-'));
    const writer = await DuckDbEngine.open();
    await writer.run(
      `COPY (SELECT * FROM (VALUES ('c_1', 'ann@x.io'), ('c_2', 'bob@x.io')) t(customer_id, email)) TO '${join(dir, 'customers.parquet')}' (FORMAT parquet)`,
    );
    writer.close();
    try {
      await client.openWorkspace(join(dir, 'workspace.duckdb'));
      await client.call('loadProducts', { dataDir: dir, as: 'table' });
      const byEmail = { rule: { attribute: 'email', op: 'starts_with', value: 'a' } };
      await expect(client.call('segments.count', byEmail)).resolves.toEqual({ count: 1 });
      await expect(client.configureSession('setAccess', { piiAccess: false, piiColumns: [] })).resolves.toEqual({ piiAccess: false });
      await expect(client.call('segments.count', byEmail)).rejects.toMatchObject({ code: 'pii_not_permitted', path: 'rule.attribute' });
      die!();
      // The table lives in the workspace file; the policy comes back with it, not the bare engine's trust.
      await expect(client.call('segments.count', byEmail)).rejects.toMatchObject({ code: 'pii_not_permitted' });
      await expect(client.call('segments.count', { rule: { attribute: 'customer_id', op: '=', value: 'c_2' } })).resolves.toEqual({ count: 1 });
    } finally {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
