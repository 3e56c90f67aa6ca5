/**
 * Tokens never reach an error message or a log line. Three ways one could: the token itself
 * echoed back (a mesh's error text, a mistyped command line), a bearer header quoted in a
 * message, or a URL carrying credentials in its user-info (`http://user:secret@host`), which
 * Node's fetch quotes whole when it refuses such a URL.
 */

export const REDACTED = '[redacted]';

/** Shorter strings would redact ordinary words; real tokens are far longer. */
const MIN_SECRET_LENGTH = 6;

/** `scheme://user:pass@` or `scheme://token@`: the user-info is replaced, the host kept. */
const URL_USER_INFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;

export function redactText(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(REDACTED);
  }
  return out.replace(URL_USER_INFO, `$1${REDACTED}@`).replace(BEARER, `$1${REDACTED}`);
}

/** A URL without its user-info, for showing or logging (`http://[redacted]@host/path`). */
export function redactUrl(url: string): string {
  return redactText(url);
}

/** Every string inside a JSON-like value, redacted (for structured log entries). */
export function redactDeep<T>(value: T, secrets: Iterable<string> = []): T {
  const list = [...secrets];
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v, list);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
