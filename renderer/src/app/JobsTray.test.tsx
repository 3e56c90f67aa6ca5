// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useJobsStore } from '../stores/jobs-store';
import { JobsTray } from './JobsTray';

beforeEach(() => useJobsStore.setState({ jobs: [], load: async () => undefined }));
afterEach(cleanup);

describe('JobsTray', () => {
  it('closes on Escape and gives focus back to its button', () => {
    render(<JobsTray />);
    fireEvent.click(screen.getByTestId('jobs-button'));
    expect(screen.getByTestId('jobs-panel')).toBeTruthy();
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByTestId('jobs-panel')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('jobs-button'));
  });

  it('closes on a click outside, not on a click inside', () => {
    render(
      <>
        <JobsTray />
        <p data-testid="elsewhere">page</p>
      </>,
    );
    fireEvent.click(screen.getByTestId('jobs-button'));
    fireEvent.pointerDown(screen.getByTestId('jobs-panel'));
    expect(screen.getByTestId('jobs-panel')).toBeTruthy();
    fireEvent.pointerDown(screen.getByTestId('elsewhere'));
    expect(screen.queryByTestId('jobs-panel')).toBeNull();
  });
});
