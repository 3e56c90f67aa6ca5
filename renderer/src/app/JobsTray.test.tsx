// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MeshworkApi } from '../../../shared/ipc/contract';
import { ApiProvider, createQueryClient } from '../api/queries';
import { JobsTray } from './JobsTray';

afterEach(cleanup);

const noJobs = { jobs: { list: async () => ({ jobs: [] }), cancel: async () => ({ cancelled: false }) } } as unknown as MeshworkApi;

function renderTray(extra?: ReactNode) {
  render(
    <ApiProvider client={noJobs} queryClient={createQueryClient()}>
      <JobsTray />
      {extra}
    </ApiProvider>,
  );
}

describe('JobsTray', () => {
  it('closes on Escape and gives focus back to its button', () => {
    renderTray();
    fireEvent.click(screen.getByTestId('jobs-button'));
    expect(screen.getByTestId('jobs-panel')).toBeTruthy();
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByTestId('jobs-panel')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('jobs-button'));
  });

  it('closes on a click outside, not on a click inside', () => {
    renderTray(<p data-testid="elsewhere">page</p>);
    fireEvent.click(screen.getByTestId('jobs-button'));
    fireEvent.pointerDown(screen.getByTestId('jobs-panel'));
    expect(screen.getByTestId('jobs-panel')).toBeTruthy();
    fireEvent.pointerDown(screen.getByTestId('elsewhere'));
    expect(screen.queryByTestId('jobs-panel')).toBeNull();
  });
});
