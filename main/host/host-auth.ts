/**
 * The browser host's per-run secret. Any local account (or a page in another browser profile)
 * can reach 127.0.0.1, so the host is not trusted just for being local: every request must
 * carry this run's token, either in an HttpOnly SameSite=Strict cookie (the browser, after
 * opening the printed link once) or as `Authorization: Bearer <token>` (scripts). This is the
 * scheme Jupyter uses: the token travels in the URL only on the first load, which is then
 * redirected to the clean URL so it does not sit in the address bar or the history.
 */
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** 32 random bytes, URL-safe: cannot be guessed and needs no escaping in a URL or cookie. */
export function newHostToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Cookies are shared by every port of 127.0.0.1, so two hosts running side by side (two users,
 * two workspaces) would overwrite each other's cookie under one name: the port is in the name.
 */
export function authCookieName(port: number): string {
  return `meshwork-token-${port}`;
}

export function authCookie(port: number, token: string): string {
  return `${authCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Compares through a hash so neither the length nor the content leaks through timing. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** True when the request carries this run's token in our cookie or a bearer header. */
export function isAuthenticated(req: IncomingMessage, port: number, token: string): boolean {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer !== undefined && tokensEqual(bearer, token)) return true;
  const cookie = cookieValue(req.headers.cookie, authCookieName(port));
  return cookie !== undefined && tokensEqual(cookie, token);
}

/** The URL without its `token` query parameter (where the first load is redirected to). */
export function withoutToken(url: URL): string {
  const clean = new URL(url.href);
  clean.searchParams.delete('token');
  return `${clean.pathname}${clean.search}${clean.hash}`;
}

export const UNAUTHORIZED_MESSAGE =
  'Meshwork needs this run\'s token. Open the link the browser host printed when it started (http://127.0.0.1:<port>/?token=...), or send "Authorization: Bearer <token>".\n';
