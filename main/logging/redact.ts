/**
 * What must never reach a log file: bearer tokens and other secrets, Authorization headers,
 * e-mail addresses, phone numbers and the user-info part of URLs. Logs are read by people who
 * help with support, and may be attached to tickets; a leaked mesh token is a leaked identity
 * and a leaked address is personal data. These functions are pure, so the same rules apply to
 * every process that logs (Electron main, engine process, browser host, CLI).
 */

export const REDACTED = '[redacted]';

/** Object keys whose values are secrets whatever they hold (compared lower-case, without - and _). */
const SECRET_KEYS = new Set([
  'authorization',
  'proxyauthorization',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'admintoken',
  'sealedtoken',
  'bearer',
  'password',
  'passwd',
  'secret',
  'filesecret',
  'clientsecret',
  'apikey',
  'xapikey',
  'cookie',
  'setcookie',
  'idempotencykey',
]);

/** Keys that hold personal data: masked even when the value does not look like one. */
const PII_KEYS = new Set(['email', 'phone', 'emailaddress', 'phonenumber']);

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

export function isSecretKey(key: string): boolean {
  const k = normaliseKey(key);
  return SECRET_KEYS.has(k) || k.endsWith('token') || k.endsWith('secret') || k.endsWith('password');
}

// Order matters: URL user-info first (it may contain an "@" the e-mail rule would also match),
// then bearer/basic credentials, then token-shaped query parameters, then e-mails and phones.
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi;
const AUTH_SCHEME = /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]+/gi;
const SECRET_PARAM = /([?&;](?:access_token|token|api_key|apikey|key|sig|signature|password|secret)=)[^&#\s"']+/gi;
// The mesh node's tokens (mw_<role>_<base64url>) wherever they appear.
const MESH_TOKEN = /\bmw_[a-z_]+_[A-Za-z0-9_-]{16,}/g;
const EMAIL = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+/g;
// Phone numbers: an optional +country code, an optional (area code), then digit groups joined by
// spaces, dots or dashes. looksLikePhone() then keeps only 7 to 15 digits and drops dates, so
// counts, byte sizes, versions and timestamps stay readable.
const PHONE = /(?<![\w.:/-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){1,4}(?![\w.:/-])|(?<![\w.:/-])\+\d{7,15}(?![\w.:/-])/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function looksLikePhone(match: string): boolean {
  const digits = match.replace(/\D/g, '').length;
  if (digits < 7 || digits > 15 || ISO_DATE.test(match)) return false;
  // Without a + or an area code in parentheses, two numbers side by side ("1234 5678") are
  // more likely figures than a phone: ask for at least three groups.
  if (!match.includes('+') && !match.includes('(')) return match.split(/[\s.-]/).length >= 3;
  return true;
}

/** Shorter strings would redact ordinary words; real tokens are far longer. */
const MIN_SECRET_LENGTH = 6;

/**
 * Masks credentials inside free text: the given secrets wherever they are echoed (a mesh's error
 * text, a mistyped command line), URL user-info, bearer/basic headers, token-shaped query
 * parameters and mesh tokens. What a person is shown (errors, the activity log) goes through
 * this; log lines also mask personal data (redactText).
 */
export function redactCredentials(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(REDACTED);
  }
  return out
    .replace(URL_USERINFO, `$1${REDACTED}@`)
    .replace(AUTH_SCHEME, `$1 ${REDACTED}`)
    .replace(SECRET_PARAM, `$1${REDACTED}`)
    .replace(MESH_TOKEN, REDACTED);
}

/** Masks credentials and personal data inside free text (log messages, error messages, stacks, URLs). */
export function redactText(text: string): string {
  return redactCredentials(text)
    .replace(EMAIL, REDACTED)
    .replace(PHONE, (match) => (looksLikePhone(match) ? REDACTED : match));
}

const MAX_DEPTH = 8;

/**
 * A copy of `value` safe to log: secret-named keys replaced, PII-named keys masked, every string
 * passed through redactText, Errors flattened to {type, message, stack, code, cause} (so their
 * messages are scrubbed too). Cycles and very deep values are cut rather than followed.
 */
export function redactValue(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  if (value instanceof Error) {
    const flat: Record<string, unknown> = { type: value.name, message: redactText(value.message) };
    if (value.stack) flat.stack = redactText(value.stack);
    const extra = value as Error & { code?: unknown; path?: unknown; status?: unknown; cause?: unknown };
    if (extra.code !== undefined) flat.code = redactValue(extra.code, depth + 1, seen);
    if (extra.path !== undefined) flat.path = redactValue(extra.path, depth + 1, seen);
    if (extra.status !== undefined) flat.status = extra.status;
    if (extra.cause !== undefined) flat.cause = redactValue(extra.cause, depth + 1, seen);
    return flat;
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  if (value instanceof Date) return value;
  if (value instanceof URL) return redactText(value.href);
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const k = normaliseKey(key);
    if (isSecretKey(key)) out[key] = REDACTED;
    else if (PII_KEYS.has(k) && inner !== null && inner !== undefined) out[key] = REDACTED;
    else out[key] = redactValue(inner, depth + 1, seen);
  }
  return out;
}
