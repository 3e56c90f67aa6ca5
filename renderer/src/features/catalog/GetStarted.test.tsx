// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CatalogEntry } from '../../../../shared/ipc/catalog-contract';
import type { MeshworkApi } from '../../../../shared/ipc/contract';
import type { Job } from '../../../../shared/ipc/events';
import { startEventBridge } from '../../api/event-bridge';
import { ApiProvider, createQueryClient } from '../../api/queries';
import { installFakeEvents } from '../../api/testing/fake-events';
import { useToastStore } from '../../stores/toast-store';
import { useUiStore } from '../../stores/ui-store';
import { CatalogPage } from './CatalogPage';
import { useGetStartedStore } from './get-started-store';

const product = (id: string, name: string, cached: CatalogEntry['cached'] = null): CatalogEntry => ({
  id,
  name,
  domain: 'marketing',
  owner: 'team',
  description: name,
  version: 'v1',
  updated_at: '2026-11-30T00:00:00Z',
  freshness_sla_hours: 24,
  classification: 'internal',
  pseudonymised: false,
  freshness: 'fresh',
  cached,
  loaded: cached !== null,
});

const pullJob = (subject: string, state: Job['state'], progress: number | null): Job => ({
  id: `job-${subject}`,
  kind: 'pull',
  title: `Pull ${subject}`,
  subject,
  state,
  progress,
  detail: state === 'running' ? '2.0 MB of 4.0 MB, 1 s left' : '',
  startedAt: '2026-11-30T00:00:00Z',
});

/** Two products, nothing pulled; a pull starts a job that the test then moves with job events. */
function fakeMesh() {
  let products = [product('customers', 'Customer 360'), product('touchpoints', 'Touchpoints')];
  const pulled = () => (products = products.map((p) => product(p.id, p.name, { version: 'v1', fetchedAt: '2026-11-30T00:00:00Z', rows: 10 })));
  const client = {
    catalog: {
      products: vi.fn(async () => ({ products, offline: false })),
      pull: vi.fn(async ({ id }: { id: string }) => ({ jobId: `job-${id}` })),
    },
    sharing: { listProfiles: async () => ({ profiles: [] }) },
    jobs: { list: async () => ({ jobs: [] }), cancel: vi.fn(async () => ({})) },
  };
  return { client, pulled };
}

let events: ReturnType<typeof installFakeEvents>;
beforeEach(() => {
  events = installFakeEvents();
  useUiStore.setState({ param: null });
  useToastStore.setState({ toasts: [] });
  useGetStartedStore.setState({ batch: null });
});
afterEach(() => {
  cleanup();
  events.uninstall();
});

describe('Get started', () => {
  it('is the one progress view while it runs: the cards say what they do, without bars', async () => {
    const { client, pulled } = fakeMesh();
    const queryClient = createQueryClient();
    const stop = startEventBridge(queryClient);
    render(
      <ApiProvider client={client as unknown as MeshworkApi} queryClient={queryClient}>
        <CatalogPage />
      </ApiProvider>,
    );
    fireEvent.click(await screen.findByTestId('get-started-pull'));
    await waitFor(() => expect(client.catalog.pull).toHaveBeenCalledTimes(2));
    act(() => {
      events.emit('job', pullJob('customers', 'running', 0.5));
      events.emit('job', pullJob('touchpoints', 'running', 0.1));
    });
    // One bar (the banner's, at (0.5 + 0.1) / 2 = 30%), and a status line on each card.
    await waitFor(() => expect(screen.getAllByRole('progressbar')).toHaveLength(1));
    expect(screen.getByTestId('get-started-progress').getAttribute('aria-valuenow')).toBe('30');
    expect(screen.queryByTestId('pull-progress-customers')).toBeNull();
    expect(screen.getByTestId('pull-status-customers').textContent).toBe('Downloading with Get started…');
    expect(screen.getByTestId('pull-status-touchpoints').textContent).toBe('Downloading with Get started…');

    // Once every product is on the laptop the banner goes, and a later pull has its card's own bar again.
    act(() => {
      events.emit('job', pullJob('customers', 'done', 1));
      events.emit('job', pullJob('touchpoints', 'done', 1));
    });
    // Before the catalog says so, the banner is gone but does not offer the pull again.
    await waitFor(() => expect(screen.queryByTestId('get-started')).toBeNull());
    pulled();
    act(() => events.emit('dataChanged', { products: ['customers', 'touchpoints'] }));
    await waitFor(() => expect(useGetStartedStore.getState().batch).toBeNull());
    expect(screen.queryByTestId('get-started')).toBeNull();
    act(() => events.emit('job', { ...pullJob('customers', 'running', 0.2), id: 'job-customers-2' }));
    await waitFor(() => expect(screen.getByTestId('pull-progress-customers')).toBeTruthy());
    expect(screen.queryByTestId('pull-status-customers')).toBeNull();
    stop();
  });
});
