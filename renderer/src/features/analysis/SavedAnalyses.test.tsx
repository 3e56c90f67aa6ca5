// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import type { MeshworkApi } from '../../../../shared/ipc/contract';
import type { SavedItem } from '../../../../shared/ipc/workspace-contract';
import { ApiProvider, createQueryClient } from '../../api/queries';
import { SavedAnalyses } from './SavedAnalyses';
import { useSavedItems } from './saved-items';

afterEach(cleanup);

/** A workspace in memory behind the contract's workspace calls: what the real one keeps on disk. */
function fakeClient(): MeshworkApi {
  const saved: SavedItem[] = [];
  let next = 1;
  const workspace = {
    listSaved: async ({ kind }: { kind?: string }) => ({ items: saved.filter((i) => !kind || i.kind === kind).map((i) => ({ ...i })) }),
    save: async (input: { id?: string; kind: SavedItem['kind']; name: string; spec: unknown }) => {
      const existing = input.id ? saved.find((i) => i.id === input.id) : undefined;
      if (existing) {
        Object.assign(existing, { name: input.name, spec: input.spec, version: existing.version + 1 });
        return { ...existing };
      }
      const item: SavedItem = {
        id: `s${next++}`,
        kind: input.kind,
        name: input.name,
        spec: input.spec as SavedItem['spec'],
        version: 1,
        updatedAt: '2026-11-30T00:00:00Z',
        history: [],
      };
      saved.push(item);
      return { ...item };
    },
    remove: async ({ id }: { id: string }) => {
      const i = saved.findIndex((s) => s.id === id);
      if (i >= 0) saved.splice(i, 1);
      return { removed: i >= 0 };
    },
  };
  return { workspace } as unknown as MeshworkApi;
}

/** Another screen listing the same saved segments, as the overlap heatmap does. */
function OtherScreen() {
  const { items } = useSavedItems('segment');
  return <output data-testid="other">{items.map((i) => i.name).join(' | ')}</output>;
}

function renderWith(client: MeshworkApi) {
  render(
    <ApiProvider client={client} queryClient={createQueryClient()}>
      <SavedAnalyses kind="segment" spec={{ kind: 'segment', rule: { all: [] } }} onOpen={() => undefined} testId="saved" />
      <OtherScreen />
    </ApiProvider>,
  );
}

describe('SavedAnalyses', () => {
  it('shows a save on every screen that lists saved items, and duplicates get their own name', async () => {
    renderWith(fakeClient());
    fireEvent.change(screen.getByTestId('saved-name'), { target: { value: 'High value' } });
    fireEvent.click(screen.getByTestId('saved-save'));
    await waitFor(() => expect(screen.getByTestId('other').textContent).toBe('High value'));
    fireEvent.click(screen.getByTestId('saved-duplicate'));
    await waitFor(() => expect(screen.getByTestId('other').textContent).toBe('High value | High value (copy)'));
    fireEvent.click(screen.getByTestId('saved-duplicate'));
    await waitFor(() => expect(screen.getByTestId('other').textContent).toBe('High value | High value (copy) | High value (copy 2)'));
  });

  it('removes a deleted item from every list', async () => {
    renderWith(fakeClient());
    fireEvent.change(screen.getByTestId('saved-name'), { target: { value: 'Lapsed' } });
    fireEvent.click(screen.getByTestId('saved-save'));
    await waitFor(() => expect(screen.getByTestId('other').textContent).toBe('Lapsed'));
    fireEvent.click(screen.getByTestId('saved-delete'));
    await waitFor(() => expect(screen.getByTestId('other').textContent).toBe(''));
  });

  it('says a refused name at the name field, in plain words', async () => {
    const client = fakeClient();
    // What the dispatcher answers for a name over 120 characters.
    (client.workspace as unknown as { save: () => Promise<never> }).save = async () => {
      throw new AppError('invalid_input', 'workspace.save: name: Keep the name under 120 characters', 'name');
    };
    renderWith(client);
    fireEvent.change(screen.getByTestId('saved-name'), { target: { value: 'x'.repeat(130) } });
    fireEvent.click(screen.getByTestId('saved-save'));
    await waitFor(() => expect(screen.getByTestId('saved-name-error').textContent).toBe('Keep the name under 120 characters.'));
    expect(screen.getByTestId('saved-name').getAttribute('aria-invalid')).toBe('true');
  });
});
