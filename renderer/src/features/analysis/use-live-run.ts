import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';

export interface LiveRun<T> {
  result: T | null;
  running: boolean;
  error: { message: string; path?: string | undefined } | null;
}

/**
 * Runs `fn(input)` whenever `key` changes, debounced; a newer run supersedes an older one (its
 * answer is dropped) and the last good result stays on screen while the next one computes.
 */
export function useLiveRun<I, T>(input: I | null, key: string, fn: (input: I) => Promise<T>, delayMs = 250): LiveRun<T> {
  const [state, setState] = useState<LiveRun<T>>({ result: null, running: false, error: null });
  const latest = useRef(0);
  useEffect(() => {
    if (input === null) return;
    const id = ++latest.current;
    setState((s) => ({ ...s, running: true }));
    const timer = window.setTimeout(() => {
      fn(input).then(
        (result) => {
          if (id === latest.current) setState({ result, running: false, error: null });
        },
        (error: unknown) => {
          if (id !== latest.current) return;
          const path = error instanceof ApiError ? error.path : undefined;
          setState((s) => ({ ...s, running: false, error: { message: error instanceof Error ? error.message : String(error), path } }));
        },
      );
    }, delayMs);
    return () => window.clearTimeout(timer);
  }, [key, input === null]);
  return state;
}
