/**
 * Tokens never reach an error message or the activity log. The rules live with the logger's
 * (main/logging/redact.ts, one home for redaction); this module names them for the mesh client:
 * text a person is shown keeps e-mails and figures but loses every credential.
 */
import { REDACTED, redactCredentials } from '../logging/redact';

export { REDACTED };

export function redactText(text: string, secrets: Iterable<string> = []): string {
  return redactCredentials(text, secrets);
}

/** A URL without its user-info, for showing or logging (`http://[redacted]@host/path`). */
export function redactUrl(url: string): string {
  return redactCredentials(url);
}

/** Every string inside a JSON-like value, credentials redacted (activity-log details). */
export function redactDeep<T>(value: T, secrets: Iterable<string> = []): T {
  const list = [...secrets];
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactCredentials(v, list);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
