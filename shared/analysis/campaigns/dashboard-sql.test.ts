import { describe, expect, it } from 'vitest';
import { toCsv } from './dashboard-sql';

describe('the campaign grid CSV', () => {
  it('writes sums without binary float noise (issue 14: 55761.270000000004)', () => {
    // 0.1 + 0.2 is 0.30000000000000004 as a double; the spreadsheet should read 0.3.
    const csv = toCsv(['campaign_name', 'spend', 'roas'], [{ campaign_name: 'Brand', spend: 55761.270000000004, roas: 0.1 + 0.2 }]);
    expect(csv).toBe('campaign_name,spend,roas\r\nBrand,55761.27,0.3\r\n');
  });

  it('leaves empty cells for missing ratios and keeps negative numbers as numbers', () => {
    const csv = toCsv(['a', 'b', 'c'], [{ a: null, b: -12.5, c: Number.NaN }]);
    expect(csv).toBe('a,b,c\r\n,-12.5,\r\n');
  });

  it('quotes text with commas and defuses text that would start a formula', () => {
    const csv = toCsv(['campaign_name'], [{ campaign_name: 'Meta | Prospecting, Broad' }, { campaign_name: '=HYPERLINK("x")' }]);
    expect(csv).toBe('campaign_name\r\n"Meta | Prospecting, Broad"\r\n"\'=HYPERLINK(""x"")"\r\n');
  });
});
