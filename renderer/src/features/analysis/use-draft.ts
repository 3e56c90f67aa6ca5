import { useState } from 'react';

type Update<T> = T | ((current: T) => T);

/**
 * A form seeded from server data: until the user changes it, it is `initial` (recomputed as that
 * data arrives or changes); after, the user's version. A new `resetKey` (the screen opened for
 * another subject, e.g. an audience's holdout) starts again from `initial`; a null key keeps the
 * user's version whatever it was made for.
 */
export function useDraft<T>(initial: T, resetKey: string | null = null): [T, (next: Update<T>) => void] {
  const [edited, setEdited] = useState<{ key: string | null; value: T } | null>(null);
  const value = edited !== null && (resetKey === null || edited.key === resetKey) ? edited.value : initial;
  const set = (next: Update<T>) => setEdited({ key: resetKey, value: typeof next === 'function' ? (next as (current: T) => T)(value) : next });
  return [value, set];
}
