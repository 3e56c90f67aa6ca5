import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignGridCsv } from '../../shared/analysis/campaigns/run-dashboard';
import type { AttributionOutput } from '../../shared/specs/attribution-spec';
import { attributionExportTable } from '../../renderer/src/features/attribution/attribution-export';
import { tableCsv } from '../../renderer/src/ui/table-csv';
import { experimentExportTable } from '../../renderer/src/features/experiments/experiment-export';
import { segmentMembersTable } from '../../renderer/src/features/segments/segment-export';
import { DuckDbEngine } from './duckdb-engine';
import { campaignGridParquet, rowsToParquet } from './parquet-export';

// Two campaigns over two days (hand-computed): k1 spend 100 + 0, clicks 10 + 0, revenue 50;
// k2 (name with a comma and a quote, so the CSV has to quote it) spend 300, clicks 1000, revenue 900.
// ROAS k1 = 50/100 = 0.5, k2 = 900/300 = 3; CTR k2 = 1000/100000 = 0.01.
let db: DuckDbEngine;
let dir: string;
beforeAll(async () => {
  db = await DuckDbEngine.open();
  dir = mkdtempSync(join(tmpdir(), 'mw-export-'));
  await db.run(`CREATE TABLE campaign_performance ("date" DATE, platform VARCHAR, channel VARCHAR, campaign_id VARCHAR, campaign_name VARCHAR,
    ad_set_id VARCHAR, ad_id VARCHAR, spend DOUBLE, impressions BIGINT, clicks BIGINT, conversions DOUBLE, revenue DOUBLE)`);
  await db.run(`INSERT INTO campaign_performance VALUES
    ('2026-06-01', 'google', 'search', 'k1', 'K1', 's1', 'a1', 100, 1000, 10, 1, 50),
    ('2026-06-01', 'meta', 'social', 'k2', 'Spring, "big" sale', 's2', 'a2', 300, 100000, 1000, 10, 900),
    ('2026-06-02', 'google', 'search', 'k1', 'K1', 's1', 'a1', 0, 0, 0, 0, 0)`);
});
afterAll(() => db.close());

/** Writes the bytes and reads them back with DuckDB, as a user opening the export would. */
async function readBack(bytes: Uint8Array, name: string, order: string) {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return db.all(`SELECT * FROM read_parquet('${file.replaceAll("'", "''")}') ORDER BY ${order}`);
}

describe('Parquet exports', () => {
  const query = {
    filter: { from: '2026-06-01', to: '2026-06-02', channels: [], platforms: [], campaigns: [] },
    level: 'campaign' as const,
    parent: {},
    search: '',
  };

  it('hold the same columns, rows and numbers as the grid CSV', async () => {
    const { csv, rows } = await campaignGridCsv(db, query);
    const { parquet, rows: parquetRows } = await campaignGridParquet(db, query);
    expect(parquetRows).toBe(rows);
    const csvFile = join(dir, 'grid.csv');
    writeFileSync(csvFile, csv);
    const fromCsv = await db.all(
      `SELECT * FROM read_csv('${csvFile.replaceAll("'", "''")}', header = true, all_varchar = true) ORDER BY campaign_id = '(total)', campaign_id`,
    );
    const fromParquet = await readBack(parquet, 'grid.parquet', "campaign_id = '(total)', campaign_id");
    expect(fromParquet.map((r) => Object.keys(r))).toEqual(fromCsv.map((r) => Object.keys(r)));
    // Two campaigns and the totals row the grid pins under them, in both files.
    expect(fromParquet).toHaveLength(3);
    for (const [i, p] of fromParquet.entries()) {
      for (const [k, v] of Object.entries(p)) {
        const c = fromCsv[i]![k];
        if (typeof v === 'number') expect(v).toBeCloseTo(Number(c), 9);
        else expect(v ?? '').toBe(c ?? '');
      }
    }
    expect(fromParquet[0]).toMatchObject({ campaign_id: 'k1', spend: 100, clicks: 10, revenue: 50, roas: 0.5 });
    expect(fromParquet[1]).toMatchObject({ campaign_id: 'k2', campaign_name: 'Spring, "big" sale', spend: 300, roas: 3, ctr: 0.01 });
    expect(fromParquet[2]).toMatchObject({ campaign_id: '(total)', spend: 400, revenue: 950 });
  });

  it('writes typed columns, NULLs and an empty result', async () => {
    const columns = [
      { name: 'channel', type: 'VARCHAR' as const },
      { name: 'credit', type: 'DOUBLE' as const },
      { name: 'n', type: 'BIGINT' as const },
      { name: 'ok', type: 'BOOLEAN' as const },
    ];
    const back = await readBack(
      await rowsToParquet(db, columns, [['email', 0.25, 3, true], { channel: '(unattributed)', credit: null, n: 0, ok: false }]),
      'typed.parquet',
      'channel',
    );
    expect(back).toEqual([
      { channel: '(unattributed)', credit: null, n: 0, ok: false },
      { channel: 'email', credit: 0.25, n: 3, ok: true },
    ]);
    const desc = await db.all<{ column_type: string }>(`DESCRIBE SELECT * FROM read_parquet('${join(dir, 'typed.parquet').replaceAll("'", "''")}')`);
    expect(desc.map((d) => d.column_type)).toEqual(['VARCHAR', 'DOUBLE', 'BIGINT', 'BOOLEAN']);
    expect(await readBack(await rowsToParquet(db, columns, []), 'empty.parquet', 'channel')).toEqual([]);
    // 600 rows cross the insert batch boundary.
    const many = Array.from({ length: 600 }, (_, i) => [`c${i}`, i / 7, i, i % 2 === 0]);
    await readBack(await rowsToParquet(db, columns, many), 'many.parquet', 'n');
    const [agg] = await db.all(`SELECT count(*)::INTEGER AS n, sum(n)::BIGINT AS s FROM read_parquet('${join(dir, 'many.parquet').replaceAll("'", "''")}')`);
    expect(agg).toEqual({ n: 600, s: (599 * 600) / 2 });
  });

  it('give the attribution table the same columns, rows and totals row in CSV and Parquet', async () => {
    // Two conversions worth 100 and 50: last touch gives both to email; linear splits the first 0.5/0.5 with search.
    const result: AttributionOutput = {
      kind: 'attribution',
      conversion_type: 'purchase',
      conversions: 2,
      revenue: 150,
      models: [
        {
          model: 'last_touch',
          params: {},
          channels: [
            { channel: 'email', conversions: 2, revenue: 150 },
            { channel: 'paid_search', conversions: 0, revenue: 0 },
          ],
        },
        {
          model: 'linear',
          params: {},
          channels: [
            { channel: 'email', conversions: 1.5, revenue: 100 },
            { channel: 'paid_search', conversions: 0.5, revenue: 50 },
          ],
        },
      ],
    };
    const table = attributionExportTable(result, (m) => m.model);
    const csvFile = join(dir, 'attr.csv');
    writeFileSync(csvFile, tableCsv(table));
    const fromCsv = await db.all(`SELECT * FROM read_csv('${csvFile.replaceAll("'", "''")}', header = true) ORDER BY channel`);
    const fromParquet = await readBack(await rowsToParquet(db, table.columns, table.rows), 'attr.parquet', 'channel');
    expect(fromParquet).toEqual(fromCsv);
    expect(fromParquet).toEqual([
      { channel: '(total)', 'last_touch conversions': 2, 'last_touch revenue': 150, 'linear conversions': 2, 'linear revenue': 150 },
      { channel: 'email', 'last_touch conversions': 2, 'last_touch revenue': 150, 'linear conversions': 1.5, 'linear revenue': 100 },
      { channel: 'paid_search', 'last_touch conversions': 0, 'last_touch revenue': 0, 'linear conversions': 0.5, 'linear revenue': 50 },
    ]);
  });

  it('give experiment results (NULL comparisons on the control row) and segment members the same rows in CSV and Parquet', async () => {
    const table = experimentExportTable('exp_1', [
      {
        name: 'conversion_rate',
        variants: [
          { variant: 'control', users: 1000, mean: 0.05 },
          { variant: 'treatment', users: 1010, mean: 0.06, diff: 0.01, diff_ci: [-0.002, 0.022], rel_lift: 0.2, rel_lift_ci: [-0.04, 0.44], p_value: 0.1 },
        ],
      },
    ]);
    const csvFile = join(dir, 'exp.csv');
    writeFileSync(csvFile, tableCsv(table));
    const fromCsv = await db.all(`SELECT * FROM read_csv('${csvFile.replaceAll("'", "''")}', header = true) ORDER BY variant`);
    const fromParquet = await readBack(await rowsToParquet(db, table.columns, table.rows), 'exp.parquet', 'variant');
    expect(fromParquet).toEqual(fromCsv);
    expect(fromParquet[0]).toMatchObject({ variant: 'control', users: 1000, mean: 0.05, diff: null, p_value: null });
    expect(fromParquet[1]).toMatchObject({ variant: 'treatment', diff_ci_low: -0.002, rel_lift_ci_high: 0.44, p_value: 0.1 });
    const members = segmentMembersTable('Loyal', ['c_2', 'c_1', 'c_3']);
    const back = await readBack(await rowsToParquet(db, members.columns, members.rows), 'members.parquet', 'customer_id');
    expect(back).toEqual([{ customer_id: 'c_1' }, { customer_id: 'c_2' }, { customer_id: 'c_3' }]);
    expect(tableCsv(members)).toBe('customer_id\r\nc_2\r\nc_1\r\nc_3\r\n');
  });
});
