import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../engine/duckdb-engine';
import { rowsToParquet } from '../../engine/parquet-export';
import type { AppContext } from '../app-context';
import { createExportsHandlers } from './exports-handlers';

let db: DuckDbEngine;
const logged: { action: string; summary: string; details?: unknown }[] = [];
beforeAll(async () => {
  db = await DuckDbEngine.open();
});
afterAll(() => db.close());

// Only what the handlers touch: the engine's export operation and the activity log.
const ctx = {
  services: {
    engine: {
      call: async (method: string, params: { table: { columns: { name: string; type: 'VARCHAR' | 'DOUBLE' }[]; rows: unknown[][] } }) => {
        expect(method).toBe('export.parquet');
        return { parquet: await rowsToParquet(db, params.table.columns, params.table.rows), rows: params.table.rows.length };
      },
    },
    mesh: { logActivity: async (entry: { action: string; summary: string; details?: unknown }) => void logged.push(entry) },
  },
} as unknown as AppContext;

describe('export handlers', () => {
  it('return Parquet bytes and record every export, Parquet and CSV, in the activity log', async () => {
    const handlers = createExportsHandlers(ctx);
    const out = await handlers.parquet({
      kind: 'experiment',
      title: 'experiment exp_1',
      columns: [
        { name: 'variant', type: 'VARCHAR' },
        { name: 'lift', type: 'DOUBLE' },
      ],
      rows: [['treatment', 0.1]],
    });
    expect(out.rows).toBe(1);
    // Parquet files start and end with the magic bytes PAR1.
    expect(new TextDecoder().decode(out.parquet.slice(0, 4))).toBe('PAR1');
    await handlers.recordCsv({ kind: 'segment_members', title: 'segment Loyal', rows: 42 });
    expect(logged).toEqual([
      {
        action: 'export',
        summary: 'Exported 1 rows of experiment exp_1 to Parquet',
        details: { kind: 'experiment', format: 'parquet', columns: ['variant', 'lift'], bytes: out.parquet.byteLength },
      },
      { action: 'export', summary: 'Exported 42 rows of segment Loyal to CSV', details: { kind: 'segment_members', format: 'csv' } },
    ]);
  });
});
