// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../../shared/errors';
import type { MeshworkApi } from '../../../../shared/ipc/contract';
import { ApiProvider, createQueryClient } from '../../api/queries';
import { ConnectionsCard } from './ConnectionsCard';

afterEach(cleanup);

/** Two meshes behind the contract's connections calls; "Prod" still has two writes queued. */
function fakeClient() {
  const connections = [
    { id: 'demo', name: 'Local demo mesh', url: 'http://demo', embedded: true, active: true, user: 'maya', roles: ['marketer'], queued: 0 },
    { id: 'prod', name: 'Prod', url: 'https://prod', embedded: false, active: false, user: null, roles: [], queued: 2 },
  ];
  const remove = vi.fn(async ({ id }: { id: string }) => {
    const i = connections.findIndex((c) => c.id === id);
    if (i >= 0) connections.splice(i, 1);
    return { removed: i >= 0 };
  });
  const add = vi.fn(async () => {
    // What the dispatcher answers for a URL without a scheme.
    throw new AppError('invalid_input', 'connections.add: url: must be an http(s) URL such as https://mesh.example.com', 'url');
  });
  const client = {
    connections: { list: async () => ({ connections: connections.map((c) => ({ ...c })), tokenStorage: 'a key file' }), remove, add },
  } as unknown as MeshworkApi;
  return { client, remove, add };
}

function renderCard(client: MeshworkApi) {
  render(
    <ApiProvider client={client} queryClient={createQueryClient()}>
      <ConnectionsCard />
    </ApiProvider>,
  );
}

describe('ConnectionsCard', () => {
  it('asks before removing a mesh that still has work to send, and removes only on yes', async () => {
    const { client, remove } = fakeClient();
    renderCard(client);
    await waitFor(() => expect(screen.getAllByTestId('connection-row')).toHaveLength(2));
    expect(screen.getByText('2 waiting to send')).toBeTruthy();
    fireEvent.click(screen.getByTestId('connection-remove'));
    expect(screen.getByTestId('confirm-remove').textContent).toContain('2 changes are still waiting to be sent to Prod');
    expect(remove).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('confirm-remove-no'));
    expect(screen.queryByTestId('confirm-remove')).toBeNull();
    fireEvent.click(screen.getByTestId('connection-remove'));
    fireEvent.click(screen.getByTestId('confirm-remove-yes'));
    await waitFor(() => expect(screen.getAllByTestId('connection-row')).toHaveLength(1));
    expect(remove).toHaveBeenCalledWith({ id: 'prod' });
  });

  it('shows a refused URL at the URL field in plain words', async () => {
    const { client } = fakeClient();
    renderCard(client);
    fireEvent.change(screen.getByTestId('conn-url'), { target: { value: 'mesh.example.com' } });
    fireEvent.click(screen.getByTestId('conn-add'));
    await waitFor(() => expect(screen.getByTestId('conn-url-error').textContent).toBe('URL must be an http(s) URL such as https://mesh.example.com.'));
    expect(screen.getByTestId('conn-url').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('conn-name-error')).toBeNull();
    // Editing the field clears its message.
    fireEvent.change(screen.getByTestId('conn-url'), { target: { value: 'https://mesh.example.com' } });
    await waitFor(() => expect(screen.queryByTestId('conn-url-error')).toBeNull());
  });
});
