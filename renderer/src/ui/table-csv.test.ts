import { describe, expect, it } from 'vitest';
import type { ExportTable } from '../../../shared/ipc/exports-contract';
import { tableCsv } from './table-csv';

const columns = (...names: string[]): ExportTable['columns'] => names.map((name) => ({ name, type: 'DOUBLE' as const }));

describe('tableCsv', () => {
  it('writes numbers without binary float noise, at full precision', () => {
    // As doubles 0.1 + 0.2 is 0.30000000000000004 and 0.07 * 3 is 0.21000000000000002; the 1e-11
    // added to 55761.27 is below a double's 15 significant digits there and is dropped too.
    const csv = tableCsv({
      columns: columns('x', 'y'),
      rows: [
        [0.1 + 0.2, 55761.27 + 1e-11],
        [1 / 3, 1234567],
        [-0.000012345678901234, 0.07 * 3],
      ],
    });
    expect(csv).toBe('x,y\r\n0.3,55761.27\r\n0.333333333333333,1234567\r\n-0.000012345678901234,0.21\r\n');
  });

  it('leaves missing and non-finite numbers empty', () => {
    const csv = tableCsv({ columns: columns('a', 'b', 'c'), rows: [[null, Number.NaN, Number.POSITIVE_INFINITY]] });
    expect(csv).toBe('a,b,c\r\n,,\r\n');
  });

  it('quotes separators and defuses spreadsheet formulas in text', () => {
    const csv = tableCsv({ columns: columns('name, full'), rows: [['=SUM(A1)'], ['say "hi"'], [-5]] });
    expect(csv).toBe('"name, full"\r\n\'=SUM(A1)\r\n"say ""hi"""\r\n-5\r\n');
  });
});
