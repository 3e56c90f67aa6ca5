import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { MeshworkApi } from '../../../../shared/ipc/contract';
import { useApiQuery } from '../../api/queries';

type RunSpec = MeshworkApi['analysis']['runSpec'];
export type RunnableSpec = Parameters<RunSpec>[0]['spec'];
export type SpecRunAnswer = Awaited<ReturnType<RunSpec>>;

export interface SpecRun {
  /** The answer to the current spec; null while there is none (no spec, a failed run). */
  result: SpecRunAnswer | null;
  running: boolean;
  error: { message: string; path?: string | undefined } | null;
}

const IDLE: SpecRun = { result: null, running: false, error: null };

/** `value` once `key` has stopped changing for `delayMs`; the first value is taken at once. */
function useSettled<T>(value: T, key: string, delayMs: number): { key: string; value: T } {
  const [settled, setSettled] = useState({ key, value });
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  });
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled((s) => (s.key === key ? s : { key, value: latest.current })), delayMs);
    return () => window.clearTimeout(timer);
  }, [key, delayMs]);
  return settled;
}

/**
 * Runs an analysis spec through the query layer as the user edits it: debounced, cached by spec
 * (going back to an earlier choice shows its answer at once, and it is rerun when pulled data
 * changes), with the last good result kept on screen while the next one computes. What is on
 * screen answers the current spec or nothing: no spec (an unfinished form) means no result, and
 * a failed run shows its error alone, never beside the previous answer.
 */
export function useSpecRun(spec: RunnableSpec | null, delayMs = 250): SpecRun {
  const key = JSON.stringify(spec);
  const asked = useSettled(spec, key, delayMs);
  const query = useApiQuery(
    'analysis',
    'runSpec',
    { spec: asked.value as RunnableSpec },
    // Every question is asked again when it is asked again (each run is an activity-log entry), but the
    // cached answer shows meanwhile.
    { enabled: asked.value !== null, placeholderData: keepPreviousData, staleTime: 0 },
  );
  if (spec === null) return IDLE;
  const current = asked.key === key;
  const error = current && query.error ? { message: query.error.message, path: (query.error as { path?: string }).path } : null;
  return {
    result: error ? null : (query.data ?? null),
    running: !current || query.isFetching,
    error,
  };
}
