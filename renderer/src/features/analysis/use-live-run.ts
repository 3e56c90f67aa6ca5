import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { ApiError } from '../../api/client';

export interface LiveRun<T> {
  result: T | null;
  running: boolean;
  error: { message: string; path?: string | undefined } | null;
}

interface Settled<T> {
  /** The key whose run produced this state; while it differs from the current key, a run is due. */
  key: string | null;
  result: T | null;
  error: LiveRun<T>['error'];
}

/**
 * Runs `fn(input)` whenever `key` changes, debounced; a newer run supersedes an older one (its
 * answer is dropped) and the last good result stays on screen while the next one computes.
 * `running` is derived (the current key has not settled yet) rather than set from the effect,
 * so a key change renders once, not twice.
 */
export function useLiveRun<I, T>(input: I | null, key: string, fn: (input: I) => Promise<T>, delayMs = 250): LiveRun<T> {
  const [settled, setSettled] = useState<Settled<T>>({ key: null, result: null, error: null });
  const latest = useRef(0);
  // Reads the newest input and fn when the debounce fires; only `key` decides when to run.
  const run = useEffectEvent((id: number, runKey: string) => {
    if (input === null) return;
    fn(input).then(
      (result) => {
        if (id === latest.current) setSettled({ key: runKey, result, error: null });
      },
      (error: unknown) => {
        if (id !== latest.current) return;
        const path = error instanceof ApiError ? error.body.path : undefined;
        setSettled((s) => ({ ...s, key: runKey, error: { message: error instanceof Error ? error.message : String(error), path } }));
      },
    );
  });
  const hasInput = input !== null;
  useEffect(() => {
    if (!hasInput) return;
    const id = ++latest.current;
    const timer = window.setTimeout(() => run(id, key), delayMs);
    return () => window.clearTimeout(timer);
  }, [key, hasInput, delayMs]);
  return { result: settled.result, error: settled.error, running: hasInput && settled.key !== key };
}
