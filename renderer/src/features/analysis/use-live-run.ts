import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';

export interface LiveRun<T> {
  /** The answer to the current input; null while there is none (no input, a failed run). */
  result: T | null;
  running: boolean;
  error: { message: string; path?: string | undefined } | null;
}

interface Settled<T> {
  /** The key the answer belongs to. */
  key: string;
  result: T | null;
  error: LiveRun<T>['error'];
}

const IDLE = { result: null, running: false, error: null } as const;

/**
 * Runs `fn(input)` whenever `key` changes, debounced; a newer run supersedes an older one (its
 * answer is dropped) and the last good result stays on screen while the next one computes.
 * What is on screen always answers the current question or nothing: without an input (an
 * unfinished form) there is no result, a failed run shows its error alone, and `running` is
 * derived (the current key has no answer yet), so it can never outlive the run it describes.
 */
export function useLiveRun<I, T>(input: I | null, key: string, fn: (input: I) => Promise<T>, delayMs = 250): LiveRun<T> {
  const [settled, setSettled] = useState<Settled<T> | null>(null);
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
    if (!hasInput) return;
    const timer = window.setTimeout(() => {
      const current = inputRef.current;
      if (current === null) return;
      fnRef.current(current).then(
        (result) => {
          if (id === latest.current) setSettled({ key, result, error: null });
        },
        (error: unknown) => {
          if (id !== latest.current) return;
          const path = error instanceof ApiError ? error.path : undefined;
          setSettled({ key, result: null, error: { message: error instanceof Error ? error.message : String(error), path } });
        },
      );
    }, delayMs);
    return () => window.clearTimeout(timer);
  }, [key, hasInput, delayMs]);
  if (!hasInput) return IDLE;
  if (settled === null) return { result: null, running: true, error: null };
  if (settled.key === key) return { result: settled.result, running: false, error: settled.error };
  // A newer question is being computed: keep the last good answer on screen, drop an old error.
  return { result: settled.result, running: true, error: null };
}
