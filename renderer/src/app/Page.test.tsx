// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CatalogEntry } from '../../../shared/ipc/catalog-contract';
import type { MeshworkApi } from '../../../shared/ipc/contract';
import { ApiProvider, createQueryClient } from '../api/queries';
import { Page } from './Page';

afterEach(cleanup);

const entry = (id: string, name: string, warnings: number): CatalogEntry =>
  ({
    id,
    name,
    cached: { version: 'v7', fetchedAt: '2026-11-30T00:00:00Z', rows: 10 },
    quality: { status: warnings > 0 ? 'warnings' : 'passed', failedErrors: 0, warnings, checked: 5 },
  }) as unknown as CatalogEntry;

/** A mesh whose catalog lists `products`, behind the contract's catalog call the banner reads. */
function renderPage(products: CatalogEntry[], reads: string[]) {
  const list = vi.fn(async () => ({ products, offline: false }));
  render(
    <ApiProvider client={{ catalog: { products: list } } as unknown as MeshworkApi} queryClient={createQueryClient()}>
      <Page title="Attribution" testId="page-attribution" reads={reads}>
        content
      </Page>
    </ApiProvider>,
  );
  return list;
}

describe('Page', () => {
  it('warns under the title when a product the screen reads was installed with quality warnings', async () => {
    renderPage([entry('touchpoints', 'Touchpoints', 2), entry('conversions', 'Conversions', 0)], ['touchpoints', 'conversions']);
    expect((await screen.findByTestId('quality-warning-banner')).textContent).toBe(
      'Touchpoints v7 was installed with 2 quality warnings: check its product page before relying on these numbers.',
    );
  });

  it('shows nothing when every product it reads passed, or when it reads none', async () => {
    const list = renderPage([entry('touchpoints', 'Touchpoints', 0)], ['touchpoints']);
    await waitFor(() => expect(list).toHaveBeenCalled());
    await screen.findByText('content');
    expect(screen.queryByTestId('quality-warning-banner')).toBeNull();
  });
});
