import { afterEach, describe, expect, it } from 'vitest';
import { EngineClient } from './engine-client';
import { nodeEngineTransport } from './node-engine-transport';

process.env.MESHWORK_ENGINE_FROM_SOURCE = '1';

describe('engine process client', () => {
  let client: EngineClient | null = null;
  afterEach(() => client?.close());

  it('runs bound SQL in the engine process and returns rows and Arrow bytes', async () => {
    client = new EngineClient(nodeEngineTransport);
    const rows = await client.all<{ n: number; s: string }>('SELECT $1::INTEGER + 1 AS n, $2 AS s', [41, "it's"]);
    expect(rows).toEqual([{ n: 42, s: "it's" }]);
    const bytes = await client.arrow('SELECT * FROM range(3) t(i)');
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.byteLength).toBeGreaterThan(0);
  });

  it('reports engine errors with their code and keeps serving', async () => {
    client = new EngineClient(nodeEngineTransport);
    await expect(client.runAnalysis({ kind: 'nope' })).rejects.toMatchObject({ code: expect.any(String) });
    await expect(client.all('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
  });

  it('restarts the engine after its process dies', async () => {
    let spawned = 0;
    let kill: (() => void) | null = null;
    client = new EngineClient(() => {
      spawned++;
      const transport = nodeEngineTransport();
      kill = transport.kill;
      return transport;
    });
    await client.all('SELECT 1');
    kill!();
    await new Promise((r) => setTimeout(r, 300));
    await expect(client.all<{ two: number }>('SELECT 2 AS two')).resolves.toEqual([{ two: 2 }]);
    expect(spawned).toBe(2);
  });
});
