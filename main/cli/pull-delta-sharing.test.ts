import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSharing, type TestSharing } from '../../fixtures/delta-sharing/testing/test-support';
import { DuckDbEngine } from '../engine/duckdb-engine';
import { runCli } from './meshwork';

let t: TestSharing;
let db: DuckDbEngine;
beforeAll(async () => {
  t = await startTestSharing();
  db = await DuckDbEngine.open(':memory:');
}, 180_000);
afterAll(async () => {
  db?.close();
  await t?.dispose();
});

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: {} });
  return { code, stdout, stderr };
}

function profileFile(profile: object = t.server.profile()): string {
  const dir = mkdtempSync(join(tmpdir(), 'mw-profile-'));
  const path = join(dir, 'config.share');
  writeFileSync(path, JSON.stringify(profile));
  return path;
}

const raw = (product: string) => `'${join(t.root, 'data', 'raw', `${product}.parquet`).replaceAll("'", "''")}'`;
const pulled = (dir: string) => `'${join(dir, '*.parquet').replaceAll("'", "''")}'`;

async function one<T>(sql: string): Promise<T> {
  const [row] = await db.all(sql);
  return row as T;
}

describe('meshwork pull --delta-sharing', () => {
  it('pulls a date range of a partitioned table, mapped to touchpoints, with the partition column restored', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mw-ds-'));
    const before = t.server.log.api.length;
    const r = await cli([
      'pull',
      '--delta-sharing',
      profileFile(),
      '--table',
      'marketing.web.touchpoints',
      '--out',
      out,
      '--as',
      'touchpoints',
      '--from',
      '2026-06-01',
      '--to',
      '2026-06-07',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({
      product: 'touchpoints',
      version: 'v7',
      tableVersion: 7,
      files: 7,
      checkedAgainst: 'touchpoints',
      partitionFilter: { column: 'date', from: '2026-06-01', to: '2026-06-07' },
    });
    expect(summary.contract).toMatch(/no ODCS contract/);
    expect(readdirSync(out)).toEqual(['touchpoints']);
    expect(t.server.log.api.slice(before)).toContain('POST /delta-sharing/shares/marketing/schemas/web/tables/touchpoints/query');
    // Same rows as the generator wrote for those days, and `date` comes back from partitionValues.
    const expected = await one<{ n: number; s: string }>(
      `SELECT count(*)::INTEGER AS n, string_agg(touchpoint_id, ',' ORDER BY touchpoint_id) AS s FROM read_parquet(${raw('touchpoints')}) WHERE CAST(occurred_at AS DATE) BETWEEN DATE '2026-06-01' AND DATE '2026-06-07'`,
    );
    const got = await one<{ n: number; s: string; bad: number }>(
      `SELECT count(*)::INTEGER AS n, string_agg(touchpoint_id, ',' ORDER BY touchpoint_id) AS s, count(*) FILTER (WHERE "date" <> CAST(occurred_at AS DATE))::INTEGER AS bad FROM read_parquet(${pulled(join(out, 'touchpoints'))})`,
    );
    expect(expected.n).toBeGreaterThan(0);
    expect(summary.rows).toBe(expected.n);
    expect(got).toEqual({ ...expected, bad: 0 });
  });

  it('maps a renamed column onto conversions, and analyze gives the same attribution as on the source data', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mw-ds-'));
    const profile = profileFile();
    const a = await cli(['pull', '--delta-sharing', profile, '--table', 'marketing.web.touchpoints', '--out', out, '--as', 'touchpoints']);
    expect(a.code).toBe(0);
    const b = await cli([
      'pull',
      '--delta-sharing',
      profile,
      '--table',
      'marketing.sales.orders',
      '--out',
      out,
      '--as',
      'conversions',
      '--columns',
      'revenue=order_value',
    ]);
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['conversions', 'touchpoints']);
    // The reference: the generator's own flat files.
    const source = mkdtempSync(join(tmpdir(), 'mw-ds-src-'));
    for (const p of ['touchpoints', 'conversions']) copyFileSync(join(t.root, 'data', 'raw', `${p}.parquet`), join(source, `${p}.parquet`));
    const specDir = mkdtempSync(join(tmpdir(), 'mw-ds-spec-'));
    const spec = join(specDir, 'spec.json');
    writeFileSync(
      spec,
      JSON.stringify({
        kind: 'attribution',
        conversion_type: 'purchase',
        lookback_days: 30,
        models: [{ model: 'last_touch' }, { model: 'linear' }, { model: 'time_decay', half_life_days: 7 }],
      }),
    );
    const fromShare = await cli(['analyze', '--data', out, '--spec', spec]);
    const fromSource = await cli(['analyze', '--data', source, '--spec', spec]);
    expect(fromShare.code).toBe(0);
    expect(fromSource.code).toBe(0);
    expect(JSON.parse(fromShare.stdout)).toEqual(JSON.parse(fromSource.stdout));
    expect(fromShare.stdout).toContain('"revenue"');
  });

  it('refuses a table that does not fit the core product (exit 4, nothing downloaded, <out> untouched)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mw-ds-'));
    mkdirSync(join(out, 'conversions'));
    writeFileSync(join(out, 'conversions', 'old.parquet'), 'previous pull');
    const storageBefore = t.server.log.storage.length;
    const r = await cli(['pull', '--delta-sharing', profileFile(), '--table', 'marketing.sales.orders', '--out', out, '--as', 'conversions']);
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'contract_violation', message: expect.stringContaining('column revenue is missing') } });
    expect(t.server.log.storage.length).toBe(storageBefore);
    expect(readdirSync(out)).toEqual(['conversions']);
    expect(readdirSync(join(out, 'conversions'))).toEqual(['old.parquet']);
  });

  it('re-queries when a pre-signed URL expires mid-download and resumes from the bytes it has', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mw-ds-'));
    const queriesBefore = t.server.log.api.filter((l) => l.endsWith('/orders/query')).length;
    const storageBefore = t.server.log.storage.length;
    t.server.controls.expireUrlAfterBytes = 300;
    const r = await cli(['pull', '--delta-sharing', profileFile(), '--table', 'marketing.sales.orders', '--out', out]).finally(
      () => (t.server.controls.expireUrlAfterBytes = null),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const storage = t.server.log.storage.slice(storageBefore);
    expect(storage.map((s) => [s.range, s.status])).toEqual([
      [null, 200], // cut after 300 bytes, URL revoked
      ['bytes=300-', 403], // the same URL again: expired
      ['bytes=300-', 206], // a fresh URL from a second query, resumed
    ]);
    expect(t.server.log.api.filter((l) => l.endsWith('/orders/query')).length - queriesBefore).toBe(2);
    const got = await one<{ n: number; v: number }>(`SELECT count(*)::INTEGER AS n, sum(order_value) AS v FROM read_parquet(${pulled(join(out, 'orders'))})`);
    const expected = await one<{ n: number; v: number }>(`SELECT count(*)::INTEGER AS n, sum(revenue) AS v FROM read_parquet(${raw('conversions')})`);
    expect(got).toEqual(expected);
  });

  it('gives up with url_expired when every fresh URL is refused too, leaving <out> as it was', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mw-ds-'));
    t.server.controls.urlTtlMs = -60_000;
    const r = await cli(['pull', '--delta-sharing', profileFile(), '--table', 'partners.media.campaign_spend', '--out', out]).finally(
      () => (t.server.controls.urlTtlMs = 15 * 60_000),
    );
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'url_expired' } });
    expect(readdirSync(out)).toEqual([]);
  });

  it('stops on an expired token: from the profile before any call, or from the server (401)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mw-ds-'));
    const before = t.server.log.api.length;
    const expired = await cli([
      'pull',
      '--delta-sharing',
      profileFile({ ...t.server.profile(), expirationTime: '2020-01-01T00:00:00.000Z' }),
      '--table',
      'marketing.sales.orders',
      '--out',
      out,
    ]);
    expect(expired.code).toBe(4);
    expect(JSON.parse(expired.stderr)).toMatchObject({ error: { code: 'token_expired', message: expect.stringContaining('2020-01-01') } });
    expect(t.server.log.api.length).toBe(before);
    t.server.controls.tokenExpiresAt = Date.now() - 1;
    const refused = await cli([
      'pull',
      '--delta-sharing',
      profileFile({ ...t.server.profile(), expirationTime: undefined }),
      '--table',
      'marketing.sales.orders',
      '--out',
      out,
    ]).finally(() => (t.server.controls.tokenExpiresAt = null));
    expect(refused.code).toBe(4);
    expect(JSON.parse(refused.stderr)).toMatchObject({ error: { code: 'credentials_rejected', message: expect.stringContaining('expired') } });
    expect(refused.stderr).not.toContain(t.server.token);
    expect(readdirSync(out)).toEqual([]);
  });

  it('exits 2 on a bad profile, an unknown option value or a date range on an unpartitioned table', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mw-ds-'));
    const badProfile = await cli([
      'pull',
      '--delta-sharing',
      profileFile({ ...t.server.profile(), extra: 1 }),
      '--table',
      'marketing.sales.orders',
      '--out',
      out,
    ]);
    expect(badProfile.code).toBe(2);
    expect(JSON.parse(badProfile.stderr)).toMatchObject({ error: { code: 'invalid_profile' } });
    expect(badProfile.stderr).not.toContain(t.server.token);
    const v2 = await cli([
      'pull',
      '--delta-sharing',
      profileFile({ ...t.server.profile(), shareCredentialsVersion: 2 }),
      '--table',
      'marketing.sales.orders',
      '--out',
      out,
    ]);
    expect(JSON.parse(v2.stderr)).toMatchObject({ error: { code: 'unsupported_profile_version' } });
    const badTable = await cli(['pull', '--delta-sharing', profileFile(), '--table', 'orders', '--out', out]);
    expect(badTable.code).toBe(2);
    const badRange = await cli(['pull', '--delta-sharing', profileFile(), '--table', 'marketing.sales.orders', '--out', out, '--from', '2026-06-01']);
    expect(badRange.code).toBe(2);
    expect(JSON.parse(badRange.stderr)).toMatchObject({ error: { code: 'bad_filter' } });
    const missing = await cli(['pull', '--delta-sharing', profileFile(), '--table', 'marketing.sales.nope', '--out', out]);
    expect(missing.code).toBe(4);
    expect(JSON.parse(missing.stderr)).toMatchObject({ error: { code: 'not_found' } });
    expect(readdirSync(out)).toEqual([]);
  });

  it('installs an empty range as a zero-row part with the table schema', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mw-ds-'));
    const r = await cli([
      'pull',
      '--delta-sharing',
      profileFile(),
      '--table',
      'marketing.web.touchpoints',
      '--out',
      out,
      '--from',
      '2030-01-01',
      '--to',
      '2030-01-31',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 0, files: 0 });
    const cols = await db.all<{ column_name: string }>(`DESCRIBE SELECT * FROM read_parquet(${pulled(join(out, 'touchpoints'))})`);
    expect(cols.map((c) => c.column_name)).toContain('date');
  });

  it('--list prints the catalog: tables, versions, column types, no ODCS contract, and the core products they fit', async () => {
    const r = await cli(['pull', '--delta-sharing', profileFile(), '--list']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { tables } = JSON.parse(r.stdout) as {
      tables: {
        table: string;
        version: number;
        partitionColumns: string[];
        contract: null;
        contractNote: string;
        fitsCoreProducts: string[];
        columns: { name: string; type: string }[];
      }[];
    };
    expect(tables.map((x) => [x.table, x.version, x.partitionColumns])).toEqual([
      ['marketing.web.touchpoints', 7, ['date']],
      ['marketing.sales.orders', 3, []],
      ['partners.media.campaign_spend', 1, []],
    ]);
    expect(tables.every((x) => x.contract === null && /no ODCS/.test(x.contractNote))).toBe(true);
    expect(tables.map((x) => x.fitsCoreProducts)).toEqual([['touchpoints'], [], ['campaign_performance']]);
    expect(tables[1]!.columns).toContainEqual({ name: 'order_value', type: 'DOUBLE', nullable: true });
  });
});
