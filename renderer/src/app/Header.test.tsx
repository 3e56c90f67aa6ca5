// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { MeshworkApi } from '../../../shared/ipc/contract';
import { ApiProvider, createQueryClient } from '../api/queries';
import { onOnlineChanged, useSessionStore } from '../stores/session-store';
import { Header } from './Header';
import { SESSION_KEY } from './session-view';

beforeEach(() => {
  useSessionStore.setState({ online: null, meshUrl: null, at: 0 });
});
afterEach(cleanup);

describe('Header', () => {
  it('drops the old user and URL when the newly active mesh cannot be reached', async () => {
    // The fake mesh: maya on the demo mesh, until the active mesh becomes one nobody can reach.
    let reachable = true;
    const client = {
      jobs: { list: async () => ({ jobs: [] }) },
      session: {
        me: async () => {
          if (!reachable) throw new AppError('offline', 'The mesh at http://unreachable cannot be reached.');
          return { user: 'maya.marketer', roles: ['marketer'], purposes: [], pii_access: false, offline: false, meshUrl: 'http://demo' };
        },
      },
    } as unknown as MeshworkApi;
    const queryClient = createQueryClient();
    render(
      <ApiProvider client={client} queryClient={queryClient}>
        <Header />
      </ApiProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('user-chip').textContent).toContain('maya.marketer'));
    expect(screen.getByTestId('mesh-url').textContent).toBe('http://demo');

    // What the event bridge does when main says another mesh is active and unreachable.
    reachable = false;
    await act(async () => {
      onOnlineChanged({ online: false, meshUrl: 'http://unreachable' });
      await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    });
    await waitFor(() => expect(screen.getByTestId('mesh-url').textContent).toBe('http://unreachable'));
    expect(screen.queryByTestId('user-chip')).toBeNull();
    expect(screen.getByTestId('user-chip-empty').textContent).toBe('Not signed in');
    expect(screen.getByTestId('online-status').textContent).toMatch(/^Offline/);
  });
});
