// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../../shared/ipc/catalog-contract';
import { useCatalogStore } from '../features/catalog/catalog-store';
import { Page } from './Page';

afterEach(cleanup);

const entry = (id: string, name: string, warnings: number): CatalogEntry =>
  ({
    id,
    name,
    cached: { version: 'v7', fetchedAt: '2026-11-30T00:00:00Z', rows: 10 },
    quality: { status: warnings > 0 ? 'warnings' : 'passed', failedErrors: 0, warnings, checked: 5 },
  }) as unknown as CatalogEntry;

describe('Page', () => {
  it('warns under the title when a product the screen reads was installed with quality warnings', () => {
    useCatalogStore.setState({ products: [entry('touchpoints', 'Touchpoints', 2), entry('conversions', 'Conversions', 0)] });
    render(
      <Page title="Attribution" testId="page-attribution" reads={['touchpoints', 'conversions']}>
        content
      </Page>,
    );
    expect(screen.getByTestId('quality-warning-banner').textContent).toBe(
      'Touchpoints v7 was installed with 2 quality warnings: check its product page before relying on these numbers.',
    );
  });

  it('shows nothing when every product it reads passed, or when it reads none', () => {
    useCatalogStore.setState({ products: [entry('touchpoints', 'Touchpoints', 0)] });
    render(
      <Page title="Attribution" testId="page-attribution" reads={['touchpoints']}>
        content
      </Page>,
    );
    expect(screen.queryByTestId('quality-warning-banner')).toBeNull();
  });
});
