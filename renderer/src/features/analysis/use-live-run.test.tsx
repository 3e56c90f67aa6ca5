// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLiveRun } from './use-live-run';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

type Props = { input: number | null; fn: (n: number) => Promise<string> };

function setup(initial: Props) {
  return renderHook(({ input, fn }: Props) => useLiveRun(input, String(input), fn, 100), { initialProps: initial });
}

async function settle(ms = 100) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

describe('useLiveRun', () => {
  it('debounces and shows the answer to the current input', async () => {
    const fn = vi.fn((n: number) => Promise.resolve(`answer ${n}`));
    const hook = setup({ input: 1, fn });
    expect(hook.result.current.running).toBe(true);
    hook.rerender({ input: 2, fn });
    await settle();
    expect(fn).toHaveBeenCalledTimes(1);
    expect(hook.result.current).toEqual({ result: 'answer 2', running: false, error: null });
  });

  it('drops an older answer that arrives after a newer question', async () => {
    let resolveFirst: (v: string) => void = () => undefined;
    const fn = vi.fn((n: number) => (n === 1 ? new Promise<string>((r) => (resolveFirst = r)) : Promise.resolve(`answer ${n}`)));
    const hook = setup({ input: 1, fn });
    await settle();
    hook.rerender({ input: 2, fn });
    await settle();
    await act(async () => resolveFirst('stale answer 1'));
    expect(hook.result.current.result).toBe('answer 2');
  });

  it('clears the old result when the form becomes incomplete, and stops "updating"', async () => {
    const fn = vi.fn((n: number) => Promise.resolve(`answer ${n}`));
    const hook = setup({ input: 1, fn });
    await settle();
    expect(hook.result.current.result).toBe('answer 1');
    hook.rerender({ input: 5, fn });
    expect(hook.result.current.running).toBe(true);
    hook.rerender({ input: null, fn });
    expect(hook.result.current).toEqual({ result: null, running: false, error: null });
    await settle();
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('shows the error alone, without the previous result under it', async () => {
    const fn = vi.fn((n: number) => (n === 2 ? Promise.reject(new Error('no models picked')) : Promise.resolve(`answer ${n}`)));
    const hook = setup({ input: 1, fn });
    await settle();
    hook.rerender({ input: 2, fn });
    await settle();
    expect(hook.result.current).toEqual({ result: null, running: false, error: { message: 'no models picked', path: undefined } });
  });
});
