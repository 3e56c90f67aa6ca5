import { MeshError } from './mesh-error';

/** Exponential backoff with full jitter, capped; a Retry-After from the mesh wins when longer. */
export function backoffMs(attempt: number, retryAfterSeconds: number | null = null, random: () => number = Math.random): number {
  const cap = 30_000;
  const exp = Math.min(cap, 500 * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(exp / 2 + random() * (exp / 2));
  return retryAfterSeconds !== null ? Math.max(jittered, Math.round(retryAfterSeconds * 1000)) : jittered;
}

/**
 * Sends until a final answer: retries network errors, 5xx and 429 (the caller keeps the same
 * Idempotency-Key for every attempt), never other 4xx.
 */
export async function deliverWithRetry<T>(
  send: () => Promise<T>,
  options: { maxAttempts?: number; signal?: AbortSignal; onRetry?: (error: MeshError, attempt: number, waitMs: number) => void } = {},
): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof MeshError) || !error.retryable || attempt >= maxAttempts || options.signal?.aborted) throw error;
      const wait = backoffMs(attempt, error.retryAfterSeconds);
      options.onRetry?.(error, attempt, wait);
      await new Promise((done) => setTimeout(done, wait));
    }
  }
}
