/**
 * One result table, two files: the CSV built here and the Parquet written by the engine hold the
 * same columns and rows, because both come from this one table. Every export goes into the
 * activity log (the Parquet call records itself; the CSV is recorded through `recordCsv`).
 */
import type { ExportTable } from '../../../shared/ipc/exports-contract';
import { api } from '../api/client';
import { toastError, useToastStore } from '../stores/toast-store';
import { downloadBytes, downloadText, exportName } from './download';
import { tableCsv } from './table-csv';

export async function exportTable(table: ExportTable, baseName: string, format: 'csv' | 'parquet'): Promise<void> {
  try {
    if (format === 'csv') {
      downloadText(exportName(baseName, 'csv'), tableCsv(table));
      await api.exports.recordCsv({ kind: table.kind, title: table.title, rows: table.rows.length });
    } else {
      const { parquet, rows } = await api.exports.parquet(table);
      downloadBytes(exportName(baseName, 'parquet'), parquet);
      useToastStore.getState().push({ kind: 'success', title: `Exported ${rows.toLocaleString('en-US')} rows to Parquet` });
    }
  } catch (error) {
    toastError('The export failed', error);
  }
}
