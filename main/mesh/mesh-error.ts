import { AppError, type ErrorCode } from '../../shared/errors';

/**
 * A failed mesh call, classified for the outbox and the UI: `offline` (no answer at all),
 * `retryable` (network error, 5xx, 429), or a final answer (other 4xx) with the mesh's message.
 */
export class MeshError extends AppError {
  constructor(
    readonly status: number | null,
    code: ErrorCode,
    message: string,
    readonly retryable: boolean,
    /** Seconds the mesh asked us to wait (Retry-After), if it said. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(code, message);
    this.name = 'MeshError';
  }

  get offline(): boolean {
    return this.status === null;
  }
}

/** The same failure with its message passed through `redact` (see redact.ts). */
export function withMessage(error: MeshError, redact: (text: string) => string): MeshError {
  const message = redact(error.message);
  if (message === error.message) return error;
  return new MeshError(error.status, error.code, message, error.retryable, error.retryAfterSeconds);
}

export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}
