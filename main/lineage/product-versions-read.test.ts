import { afterEach, describe, expect, it } from 'vitest';
import { configureLogging } from '../logging/logger';
import { productVersionsRead, readsForLog } from './product-versions-read';

afterEach(() => configureLogging({ kind: 'silent' }));

const loaded = [
  { id: 'touchpoints', version: 'v7', rows: 10 },
  { id: 'conversions', version: 'v3', rows: 5 },
  { id: 'customers', version: 'v5', rows: 2 },
];

describe('productVersionsRead', () => {
  it('the loaded versions of the products asked for, with their contract versions, by product', async () => {
    const metas: Record<string, string | null> = { 'touchpoints@v7': '1.2.0', 'conversions@v3': null };
    const services = {
      loadedProducts: () => loaded,
      mesh: { cache: { meta: async (p: string, v: string) => ({ contractVersion: metas[`${p}@${v}`] ?? null }) as never } },
    };
    expect(await productVersionsRead(services, ['touchpoints', 'conversions', 'geo_sales'])).toEqual([
      { product: 'conversions', version: 'v3', contractVersion: null },
      { product: 'touchpoints', version: 'v7', contractVersion: '1.2.0' },
    ]);
  });

  it('a meta.json that cannot be read leaves only the contract version unrecorded', async () => {
    const services = { loadedProducts: () => loaded, mesh: { cache: { meta: () => Promise.reject(new Error('disk')) } } };
    expect(await productVersionsRead(services, ['customers'])).toEqual([{ product: 'customers', version: 'v5', contractVersion: null }]);
  });

  it('for a log line, a failure means no reads field (shown as not recorded), never a failed action', async () => {
    const services = {
      loadedProducts: () => {
        throw new Error('engine gone');
      },
      mesh: { cache: { meta: async () => null } },
    };
    expect(await readsForLog(services, ['customers'])).toEqual({});
  });
});
