import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { ApiError } from '../../api/client';

export interface LiveRun<T> {
  /** The answer to the current input; null while there is none (no input, a failed run). */
  result: T | null;
  running: boolean;
  error: { message: string; path?: string | undefined } | null;
}

const IDLE = { result: null, running: false, error: null } as const;

interface Settled<T> {
  /** The key whose run produced this state; while it differs from the current key, a run is due. */
  key: string | null;
  result: T | null;
  error: LiveRun<T>['error'];
}

/**
 * Runs `fn(input)` whenever `key` changes, debounced; a newer run supersedes an older one (its
 * answer is dropped) and the last good result stays on screen while the next one computes.
 * What is on screen always answers the current question or nothing: without an input (an
 * unfinished form) the hook shows nothing, and a failed run clears the old result. `running` is
 * derived (the current key has not settled yet) rather than set from the effect, so a key change
 * renders once, and it can never outlive the run it describes.
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
        setSettled({ key: runKey, result: null, error: { message: error instanceof Error ? error.message : String(error), path } });
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
  if (!hasInput) return IDLE;
  return { result: settled.result, error: settled.error, running: settled.key !== key };
}
