// @vitest-environment jsdom
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MeshworkApi } from '../../../../shared/ipc/contract';
import { AppError } from '../../../../shared/errors';
import { ApiProvider, createQueryClient } from '../../api/queries';
import { useSpecRun, type RunnableSpec } from './use-spec-run';

afterEach(() => vi.useRealTimers());

/** Specs told apart by their window; window 99 is one the engine refuses. */
const spec = (window_days: number) => ({ kind: 'experiment', experiment_id: 'exp1', control: 'control', window_days }) as unknown as RunnableSpec;

function setup(runSpec: (input: { spec: RunnableSpec }) => Promise<unknown>, initial: RunnableSpec | null) {
  const client = { analysis: { runSpec: vi.fn(runSpec) } } as unknown as MeshworkApi;
  const queryClient = createQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ApiProvider client={client} queryClient={queryClient}>
      {children}
    </ApiProvider>
  );
  const hook = renderHook(({ s }: { s: RunnableSpec | null }) => useSpecRun(s, 20), { wrapper, initialProps: { s: initial } });
  return { hook, runSpec: client.analysis.runSpec as ReturnType<typeof vi.fn>, queryClient };
}

const answer = (input: { spec: RunnableSpec }) => {
  const days = (input.spec as unknown as { window_days: number }).window_days;
  if (days === 99) return Promise.reject(new AppError('invalid_spec', 'window_days must be at most 90', 'window_days'));
  return Promise.resolve({ result: { days }, ms: 3 });
};

describe('useSpecRun', () => {
  it('answers the current spec, and a failed run clears the stale result and shows its error alone', async () => {
    const { hook } = setup(answer, spec(7));
    await waitFor(() => expect(hook.result.current.result?.result).toEqual({ days: 7 }));
    expect(hook.result.current.running).toBe(false);
    hook.rerender({ s: spec(99) });
    await waitFor(() => expect(hook.result.current.error).toEqual({ message: 'window_days must be at most 90', path: 'window_days' }));
    expect(hook.result.current.result).toBeNull();
    expect(hook.result.current.running).toBe(false);
  });

  it('keeps the last good answer on screen while the next one computes, then shows the new one', async () => {
    let release: () => void = () => undefined;
    const slow = (input: { spec: RunnableSpec }) =>
      (input.spec as unknown as { window_days: number }).window_days === 14 ? new Promise<void>((r) => (release = r)).then(() => answer(input)) : answer(input);
    const { hook, runSpec } = setup(slow, spec(7));
    await waitFor(() => expect(hook.result.current.result?.result).toEqual({ days: 7 }));
    hook.rerender({ s: spec(14) });
    expect(hook.result.current).toMatchObject({ running: true, error: null, result: { result: { days: 7 } } });
    // Asked, not answered yet: the previous answer is still what the screen shows.
    await waitFor(() => expect(runSpec).toHaveBeenCalledTimes(2));
    expect(hook.result.current).toMatchObject({ running: true, result: { result: { days: 7 } } });
    act(() => release());
    await waitFor(() => expect(hook.result.current.result?.result).toEqual({ days: 14 }));
    expect(hook.result.current.running).toBe(false);
  });

  it('debounces: a burst of edits asks the engine once, for the last spec', async () => {
    const { hook, runSpec } = setup(answer, spec(7));
    await waitFor(() => expect(hook.result.current.result?.result).toEqual({ days: 7 }));
    hook.rerender({ s: spec(8) });
    hook.rerender({ s: spec(9) });
    hook.rerender({ s: spec(10) });
    await waitFor(() => expect(hook.result.current.result?.result).toEqual({ days: 10 }));
    expect(runSpec.mock.calls.map(([input]) => (input as { spec: { window_days: number } }).spec.window_days)).toEqual([7, 10]);
  });

  it('reruns the current spec when pulled data changes (its key is invalidated)', async () => {
    let days = 0;
    const { hook, queryClient } = setup(async () => ({ result: { run: ++days }, ms: 1 }), spec(7));
    await waitFor(() => expect(hook.result.current.result?.result).toEqual({ run: 1 }));
    await act(() => queryClient.invalidateQueries({ queryKey: ['analysis'] }));
    await waitFor(() => expect(hook.result.current.result?.result).toEqual({ run: 2 }));
  });

  it('has nothing to show and asks nothing without a spec', () => {
    const { hook, runSpec } = setup(answer, null);
    expect(hook.result.current).toEqual({ result: null, running: false, error: null });
    expect(runSpec).not.toHaveBeenCalled();
  });
});
