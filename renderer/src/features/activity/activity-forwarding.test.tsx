// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MeshworkApi } from '../../../../shared/ipc/contract';
import { startEventBridge } from '../../api/event-bridge';
import { ApiProvider, createQueryClient } from '../../api/queries';
import { installFakeEvents } from '../../api/testing/fake-events';
import { ActivityPage } from './ActivityPage';

const entry = (state: 'waiting' | 'sent') => ({
  seq: 1,
  at: '2026-11-30T10:00:00Z',
  user: 'maya.marketer',
  action: 'pull',
  summary: 'Pulled Customer 360 2026-10-31.1',
  details: {},
  hash: 'h1',
  forwarded: { state },
});

let events: ReturnType<typeof installFakeEvents>;
beforeEach(() => {
  events = installFakeEvents();
});
afterEach(() => {
  cleanup();
  events.uninstall();
});

describe('the Activity page and audit forwarding', () => {
  it('turns "Waiting to send" into "Sent to mesh" when forwarding moves, without a Reload', async () => {
    let forwarded: 'waiting' | 'sent' = 'waiting';
    const list = vi.fn(async () => ({ entries: [entry(forwarded)], total: 1 }));
    const client = { activity: { list, verify: vi.fn(async () => ({ intact: true, entries: 1 })), export: vi.fn() } };
    const queryClient = createQueryClient();
    const stop = startEventBridge(queryClient);
    render(
      <ApiProvider client={client as unknown as MeshworkApi} queryClient={queryClient}>
        <ActivityPage />
      </ApiProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('activity-forwarded').textContent).toBe('Waiting to send'));

    // The batch reaches the mesh: main pushes the audit outbox's change, nobody clicks Reload.
    forwarded = 'sent';
    act(() => events.emit('auditForwarding', { waiting: 0 }));
    await waitFor(() => expect(screen.getByTestId('activity-forwarded').textContent).toBe('Sent to mesh'));
    expect(list).toHaveBeenCalledTimes(2);
    stop();
  });
});
