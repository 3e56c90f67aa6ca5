import { exportNumber } from '../../../shared/format';
import type { ExportTable } from '../../../shared/ipc/exports-contract';

/** RFC 4180 CSV of the table; text that could start a spreadsheet formula is prefixed with a quote. */
export function tableCsv(table: Pick<ExportTable, 'columns' | 'rows'>): string {
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    // Numbers at full precision without float noise (0.1 + 0.2 is written 0.3); NaN and ±Infinity are empty.
    let s = typeof v === 'number' ? exportNumber(v) : String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const header = table.columns.map((c) => cell(c.name)).join(',');
  return [header, ...table.rows.map((r) => r.map(cell).join(','))].join('\r\n') + '\r\n';
}
