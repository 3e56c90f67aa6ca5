import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';

export interface LiveRun<T> {
  /** The answer to the current input; null while there is none (no input, a failed run). */
  result: T | null;
  running: boolean;
  error: { message: string; path?: string | undefined } | null;
}

const IDLE = { result: null, running: false, error: null } as const;

/**
 * Runs `fn(input)` whenever `key` changes, debounced; a newer run supersedes an older one (its
 * answer is dropped) and the last good result stays on screen while the next one computes.
 * What is on screen always answers the current question or nothing: when the input goes away
 * (an unfinished form) or the run fails, the old result is cleared instead of being left under
 * the new state, and `running` never outlives the run it describes.
 */
export function useLiveRun<I, T>(input: I | null, key: string, fn: (input: I) => Promise<T>, delayMs = 250): LiveRun<T> {
  const [state, setState] = useState<LiveRun<T>>(IDLE);
  const latest = useRef(0);
  // The newest input and function, read when the debounced run fires; runs are keyed by `key`.
  const inputRef = useRef(input);
  const fnRef = useRef(fn);
  useEffect(() => {
    inputRef.current = input;
    fnRef.current = fn;
  });
  const hasInput = input !== null;
  useEffect(() => {
    const id = ++latest.current;
    if (!hasInput) {
      setState(IDLE);
      return;
    }
    setState((s) => ({ ...s, running: true }));
    const timer = window.setTimeout(() => {
      const current = inputRef.current;
      if (current === null) return;
      fnRef.current(current).then(
        (result) => {
          if (id === latest.current) setState({ result, running: false, error: null });
        },
        (error: unknown) => {
          if (id !== latest.current) return;
          const path = error instanceof ApiError ? error.path : undefined;
          setState({ result: null, running: false, error: { message: error instanceof Error ? error.message : String(error), path } });
        },
      );
    }, delayMs);
    return () => {
      window.clearTimeout(timer);
      // A run cancelled before it started must not leave "Updating…" behind.
      if (id === latest.current) setState((s) => (s.running ? { ...s, running: false } : s));
    };
  }, [key, hasInput, delayMs]);
  return state;
}
