// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../../shared/errors';
import type { CatalogEntry } from '../../../../shared/ipc/catalog-contract';
import type { MeshworkApi } from '../../../../shared/ipc/contract';
import { startEventBridge } from '../../api/event-bridge';
import { ApiProvider, createQueryClient } from '../../api/queries';
import { installFakeEvents } from '../../api/testing/fake-events';
import { useToastStore } from '../../stores/toast-store';
import { useUiStore } from '../../stores/ui-store';
import { CatalogPage } from './CatalogPage';

const customers = (cached: CatalogEntry['cached']): CatalogEntry => ({
  id: 'customers',
  name: 'Customer 360',
  domain: 'lifecycle',
  owner: 'lifecycle-team',
  description: 'One row per customer',
  version: 'v2',
  updated_at: '2026-11-30T00:00:00Z',
  freshness_sla_hours: 24,
  classification: 'confidential',
  pseudonymised: false,
  freshness: 'fresh',
  cached,
  loaded: cached !== null,
});

/** A mesh with one product; `pulled()` is what a finished pull leaves on the laptop. */
function fakeMesh() {
  let entry = customers(null);
  const client = {
    catalog: {
      products: vi.fn(async () => ({ products: [entry], offline: false })),
      pull: vi.fn(async (): Promise<{ jobId: string }> => {
        // As the IPC client rethrows it: an AppError whose message is written for people.
        throw new AppError('forbidden', 'The mesh refused the pull: your role may not read customers.');
      }),
    },
    sharing: { listProfiles: async () => ({ profiles: [] }) },
    jobs: { list: async () => ({ jobs: [] }) },
  };
  return { client, pulled: () => (entry = customers({ version: 'v2', fetchedAt: new Date().toISOString(), rows: 1200 })) };
}

let events: ReturnType<typeof installFakeEvents>;
beforeEach(() => {
  events = installFakeEvents();
  useUiStore.setState({ param: null });
  useToastStore.setState({ toasts: [] });
});
afterEach(() => {
  cleanup();
  events.uninstall();
});

function renderCatalog(client: unknown) {
  const queryClient = createQueryClient();
  const stop = startEventBridge(queryClient);
  render(
    <ApiProvider client={client as MeshworkApi} queryClient={queryClient}>
      <CatalogPage />
    </ApiProvider>,
  );
  return stop;
}

describe('CatalogPage', () => {
  it('shows a product as on this laptop once a data-changed event says it was pulled', async () => {
    const mesh = fakeMesh();
    const stop = renderCatalog(mesh.client);
    expect((await screen.findByTestId('cached-customers')).textContent).toBe('Not pulled yet');
    mesh.pulled();
    act(() => events.emit('dataChanged', { products: ['customers'] }));
    await waitFor(() => expect(screen.getByTestId('cached-customers').textContent).toMatch(/^v2, pulled .*, 1,200 rows$/));
    expect(mesh.client.catalog.products).toHaveBeenCalledTimes(2);
    stop();
  });

  it('says in a toast why a pull could not start, and lets the user try again', async () => {
    const mesh = fakeMesh();
    renderCatalog(mesh.client);
    fireEvent.click(await screen.findByTestId('pull-button-customers'));
    await waitFor(() =>
      expect(useToastStore.getState().toasts).toMatchObject([
        { kind: 'error', title: 'Could not start the pull of customers', detail: 'The mesh refused the pull: your role may not read customers.' },
      ]),
    );
    expect((screen.getByTestId('pull-button-customers') as HTMLButtonElement).disabled).toBe(false);
  });

  it('says why the catalog could not load, and loads it on Try again', async () => {
    const mesh = fakeMesh();
    mesh.client.catalog.products.mockRejectedValueOnce(new Error('The mesh did not answer.'));
    renderCatalog(mesh.client);
    expect((await screen.findByRole('alert')).textContent).toContain('The mesh did not answer.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect((await screen.findByTestId('cached-customers')).textContent).toBe('Not pulled yet');
  });
});
