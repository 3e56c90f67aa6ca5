/**
 * The engine's own defences, through its message protocol: files outside the extract folders
 * are unreachable after restrictFiles, a request over the time limit is interrupted with a
 * clear error (and the engine keeps serving), and an identity without PII access can neither
 * filter on PII columns nor see them unmasked.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DuckDbEngine } from './duckdb-engine';
import { operations } from './engine-operations';
import { createEngineService, type EngineService } from './engine-service';
import { restrictFileAccess } from './file-access';

let root: string;
let extracts: string;
let secretFile: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'meshwork-harden-'));
  extracts = join(root, 'extracts');
  mkdirSync(join(extracts, 'v1'), { recursive: true });
  // A file the engine must not reach: beside the extracts, like connections.json in the workspace.
  secretFile = join(root, 'secret.csv');
  writeFileSync(secretFile, 'token\nhunter2\n');
  const writer = await DuckDbEngine.open();
  await writer.run(`COPY (SELECT * FROM (VALUES ('c_1', 'ann@x.io', 'US'), ('c_2', 'bob@x.io', 'CA'), ('c_3', 'anna@y.io', 'US'))
    t(customer_id, email, country)) TO '${join(extracts, 'v1', 'customers.parquet')}' (FORMAT parquet)`);
  writer.close();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function harness(options: Parameters<typeof createEngineService>[0] = {}): {
  service: EngineService;
  call: (method: string, params: unknown) => Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string; path?: string } }>;
} {
  const service = createEngineService(options);
  let n = 0;
  return { service, call: (method, params) => service.handle({ id: ++n, method, params }) as never };
}

describe('file access after loading extracts', () => {
  it('makes Parquet outside the extract folders unreachable through the protocol, keeps the loaded views working', async () => {
    const outside = join(root, 'outside');
    mkdirSync(outside, { recursive: true });
    const writer = await DuckDbEngine.open();
    await writer.run(`COPY (SELECT 'x' AS customer_id) TO '${join(outside, 'customers.parquet')}' (FORMAT parquet)`);
    writer.close();
    const { service, call } = harness();
    try {
      // Before: a file beside the extracts is readable.
      expect(await call('describeParquet', { files: [join(outside, 'customers.parquet')] })).toMatchObject({ ok: true, result: { rows: 1 } });
      expect(await call('restrictFiles', { directories: [extracts], tempDirectory: join(root, 'tmp') })).toMatchObject({ ok: true });
      expect(await call('loadProducts', { dataDir: join(extracts, 'v1'), as: 'view' })).toMatchObject({ ok: true, result: [{ id: 'customers', rows: 3 }] });
      expect(await call('describeParquet', { files: [join(outside, 'customers.parquet')] })).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('Permission Error') },
      });
      expect(await call('loadProducts', { dataDir: outside, as: 'view' })).toMatchObject({ ok: false });
      // The same folders again is a no-op; other folders need the workspace reopened.
      expect(await call('restrictFiles', { directories: [extracts], tempDirectory: join(root, 'tmp') })).toMatchObject({ ok: true });
      expect(await call('restrictFiles', { directories: [root] })).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('already restricted') },
      });
      // The view over the allowed Parquet still reads.
      expect(await call('segments.count', { rule: { attribute: 'country', op: '=', value: 'US' } })).toMatchObject({ ok: true, result: { count: 2 } });
    } finally {
      service.close();
    }
  });

  it("refuses read_csv('/etc/passwd'), files beside the extracts, COPY, ATTACH, and turning it back on", async () => {
    // No SQL crosses the engine's protocol, so what an injection bug could run is tried on the
    // connection itself after restrictFileAccess.
    const db = await DuckDbEngine.open();
    try {
      expect(await db.all(`SELECT count(*) AS n FROM read_csv('${secretFile}')`)).toEqual([{ n: 1 }]);
      await restrictFileAccess(db, [extracts], join(root, 'tmp'));
      await expect(db.all("SELECT * FROM read_csv('/etc/passwd')")).rejects.toThrow(/Permission Error/);
      await expect(db.all(`SELECT * FROM read_csv('${secretFile}')`)).rejects.toThrow();
      await expect(db.run(`COPY (SELECT 1) TO '${join(root, 'out.csv')}'`)).rejects.toThrow();
      await expect(db.run(`ATTACH '${join(root, 'other.duckdb')}'`)).rejects.toThrow();
      await expect(db.run('SET enable_external_access = true')).rejects.toThrow(/locked/);
      await expect(db.run("SET allowed_directories = ['/']")).rejects.toThrow();
      expect(await db.all(`SELECT count(*) AS n FROM read_parquet('${join(extracts, 'v1', 'customers.parquet')}')`)).toEqual([{ n: 3 }]);
    } finally {
      db.close();
    }
  });
});

describe('per-query timeout', () => {
  afterEach(() => vi.restoreAllMocks());

  it('interrupts a request that runs too long with a clear error and keeps serving', async () => {
    const { service, call } = harness({ queryTimeoutMs: 200 });
    // An operation that runs far too long: a billion-by-thousand join on the engine's connection.
    vi.spyOn(operations, 'assignments.available').mockImplementationOnce(async (_p, { engine }) => {
      await engine.all('SELECT count(*) AS n FROM range(1000000000) a(x), range(1000) b(y) WHERE x + y < 0');
      return true;
    });
    try {
      const started = Date.now();
      const slow = await call('assignments.available', {});
      expect(slow).toMatchObject({ ok: false, error: { code: 'timeout', message: expect.stringContaining('ran longer than 0.2 s') } });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await call('assignments.available', {})).toMatchObject({ ok: true, result: false });
      expect(await call('configure', { queryTimeoutMs: 0 })).toMatchObject({ ok: true, result: { queryTimeoutMs: 0 } });
      expect(await call('configure', { queryTimeoutMs: -1 })).toMatchObject({ ok: false, error: { code: 'invalid_request', path: 'params.queryTimeoutMs' } });
    } finally {
      service.close();
    }
  });
});

describe('access policy', () => {
  it('refuses conditions on PII columns and masks previews for an identity without PII access', async () => {
    const { service, call } = harness();
    try {
      await call('loadProducts', { dataDir: join(extracts, 'v1') });
      const prefix = { rule: { attribute: 'email', op: 'starts_with', value: 'ann' } };
      // Without a policy (a bare engine) the caller's flag decides: this is the oracle that leaks.
      expect(await call('segments.count', prefix)).toMatchObject({ ok: true, result: { count: 2 } });
      await call('setAccess', { piiAccess: false, piiColumns: ['email', 'phone'] });
      for (const [method, params, path] of [
        ['segments.count', { rule: { all: [{ attribute: 'country', op: '=', value: 'US' }, prefix.rule] } }, 'rule.all[1].attribute'],
        ['segments.overlap', { rules: [{ consent: 'ads' }, prefix.rule] }, 'rules[1].attribute'],
        ['segments.preview', { ...prefix, piiAccess: true }, 'rule.attribute'],
        ['analysis.run', { spec: { kind: 'segment', rule: { not: prefix.rule } } }, 'rule.not.attribute'],
        ['audiences.members', { rule: prefix.rule, asOf: '2026-06-30', purpose: 'analytics', holdoutPct: 0, salt: 's' }, 'rule.attribute'],
      ] as const) {
        expect(await call(method, params)).toMatchObject({
          ok: false,
          error: { code: 'pii_not_permitted', path, message: expect.stringContaining('"email" is personal data') },
        });
      }
      const preview = await call('segments.preview', { rule: { attribute: 'country', op: '=', value: 'CA' }, piiAccess: true });
      expect(preview).toMatchObject({ ok: true, result: [{ customer_id: 'c_2', email: 'b***@x.io' }] });
      await call('setAccess', { piiAccess: true, piiColumns: ['email', 'phone'] });
      expect(await call('segments.count', prefix)).toMatchObject({ ok: true, result: { count: 2 } });
    } finally {
      service.close();
    }
  });
});

describe('pinned column types', () => {
  it('names occurred_at arriving as VARCHAR instead of failing mid-query', async () => {
    const dir = join(root, 'badtypes');
    mkdirSync(dir, { recursive: true });
    const writer = await DuckDbEngine.open();
    await writer.run(
      `COPY (SELECT 'e1' AS event_id, 'c_1' AS customer_id, '2026-06-01 00:00:00' AS occurred_at, 'view' AS event_name) TO '${join(dir, 'events.parquet')}' (FORMAT parquet)`,
    );
    writer.close();
    const { service, call } = harness();
    try {
      await call('loadProducts', { dataDir: join(extracts, 'v1') });
      await call('loadProducts', { dataDir: dir });
      const r = await call('analysis.run', { spec: { kind: 'segment', as_of: '2026-06-30', rule: { event: 'view' } } });
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'unreadable_data', message: expect.stringContaining("'events' has column occurred_at as VARCHAR") },
      });
    } finally {
      service.close();
    }
  });
});
