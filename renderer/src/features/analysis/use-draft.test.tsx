// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useDraft } from './use-draft';

type Props = { initial: string | null; resetKey: string | null };

function setup(initialProps: Props) {
  return renderHook(({ initial, resetKey }: Props) => useDraft(initial, resetKey), { initialProps });
}

describe('useDraft', () => {
  it('follows the server data until the user changes it, then keeps the user’s version', () => {
    const hook = setup({ initial: null, resetKey: null });
    expect(hook.result.current[0]).toBeNull();
    hook.rerender({ initial: 'first experiment', resetKey: null });
    expect(hook.result.current[0]).toBe('first experiment');
    act(() => hook.result.current[1]((s) => `${s}, 14 days`));
    hook.rerender({ initial: 'first experiment (refetched)', resetKey: null });
    expect(hook.result.current[0]).toBe('first experiment, 14 days');
  });

  it('starts again from the server data when opened for another subject, not when the subject is dropped', () => {
    const hook = setup({ initial: 'first experiment', resetKey: null });
    act(() => hook.result.current[1]('edited'));
    hook.rerender({ initial: 'holdout of audience A', resetKey: 'A' });
    expect(hook.result.current[0]).toBe('holdout of audience A');
    act(() => hook.result.current[1]('holdout of A, 28 days'));
    hook.rerender({ initial: 'first experiment', resetKey: null });
    expect(hook.result.current[0]).toBe('holdout of A, 28 days');
    hook.rerender({ initial: 'holdout of audience B', resetKey: 'B' });
    expect(hook.result.current[0]).toBe('holdout of audience B');
  });
});
