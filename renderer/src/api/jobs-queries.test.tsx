// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MeshworkApi } from '../../../shared/ipc/contract';
import type { Job } from '../../../shared/ipc/events';
import { JobsTray } from '../app/JobsTray';
import { useToastStore } from '../stores/toast-store';
import { startEventBridge } from './event-bridge';
import { useJobFor } from './jobs-queries';
import { ApiProvider, createQueryClient } from './queries';
import { installFakeEvents } from './testing/fake-events';

const job = (id: string, state: Job['state'], extra: Partial<Job> = {}): Job => ({
  id,
  kind: 'pull',
  title: `Pull ${id}`,
  subject: id,
  state,
  progress: state === 'running' ? 0.5 : 1,
  detail: '',
  startedAt: '2026-11-30T10:00:00Z',
  ...extra,
});

function PullState({ product }: { product: string }) {
  return <output data-testid={`state-${product}`}>{useJobFor('pull', product)?.state ?? 'none'}</output>;
}

let events: ReturnType<typeof installFakeEvents>;
beforeEach(() => {
  events = installFakeEvents();
  useToastStore.setState({ toasts: [] });
});
afterEach(() => {
  cleanup();
  events.uninstall();
});

function renderTray(client: unknown) {
  const queryClient = createQueryClient();
  const stop = startEventBridge(queryClient);
  render(
    <ApiProvider client={client as MeshworkApi} queryClient={queryClient}>
      <JobsTray />
      <PullState product="customers" />
      <PullState product="events" />
    </ApiProvider>,
  );
  return stop;
}

describe('jobs through the query layer', () => {
  it('follows job events after the first list: running count, each product’s pull, a toast when one ends', async () => {
    const list = vi.fn(async () => ({ jobs: [job('events', 'done')] }));
    const stop = renderTray({ jobs: { list, cancel: vi.fn() } });
    await waitFor(() => expect(screen.getByTestId('state-events').textContent).toBe('done'));
    act(() => events.emit('job', job('customers', 'running')));
    await waitFor(() => expect(screen.getByTestId('jobs-button').textContent).toBe('Jobs (1 running)'));
    expect(screen.getByTestId('state-customers').textContent).toBe('running');
    act(() => events.emit('job', job('customers', 'failed', { error: 'The extract failed its sha256 check.' })));
    await waitFor(() => expect(screen.getByTestId('jobs-button').textContent).toBe('Jobs'));
    expect(screen.getByTestId('state-customers').textContent).toBe('failed');
    // The older job is still listed: events add to the list, they do not replace it.
    expect(screen.getByTestId('state-events').textContent).toBe('done');
    expect(useToastStore.getState().toasts).toMatchObject([{ kind: 'error', title: 'Pull customers failed', detail: 'The extract failed its sha256 check.' }]);
    expect(list).toHaveBeenCalledTimes(1);
    stop();
  });

  it('cancels a running job from the tray', async () => {
    const cancel = vi.fn(async () => ({ cancelled: true }));
    const stop = renderTray({ jobs: { list: async () => ({ jobs: [job('customers', 'running')] }), cancel } });
    await waitFor(() => expect(screen.getByTestId('jobs-button').textContent).toBe('Jobs (1 running)'));
    fireEvent.click(screen.getByTestId('jobs-button'));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(cancel).toHaveBeenCalledWith({ id: 'customers' }));
    stop();
  });
});
