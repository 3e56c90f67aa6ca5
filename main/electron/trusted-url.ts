/**
 * The URL decisions of the Electron shell, as pure functions so they are unit-tested
 * without Electron. security.ts applies them.
 */
import { normalize, sep, join } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'meshwork';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * Scripts and styles only from the app itself; data: images for chart PNG export;
 * connections only to the app (the mesh is reached by main, never by the renderer).
 * `style-src 'unsafe-inline'` is needed by AG Grid and ECharts, which set element styles;
 * scripts never get unsafe-inline or unsafe-eval.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for pages of the app itself (`app://meshwork/...`). */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/** In-window navigation: the app is a single page, so only app:// reloads are allowed. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** Links the user may open in the system browser: plain http(s) with a host and no credentials. */
export function isSafeExternalUrl(url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (!parsed.hostname) return false;
  if (parsed.username || parsed.password) return false;
  return true;
}

/**
 * Maps an app:// request to a file under `root`, or null when it would leave `root`
 * (`..`, encoded traversal, absolute paths, backslashes) or is not for the app host.
 */
export function resolveAppAsset(root: string, url: string): string | null {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname.split('/').includes('..')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root0 = normalize(root);
  const full = normalize(join(root0, relative));
  if (full !== root0 && !full.startsWith(root0.endsWith(sep) ? root0 : root0 + sep)) return null;
  return full;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function mimeTypeOf(path: string): string {
  const dot = path.lastIndexOf('.');
  return (dot >= 0 ? MIME[path.slice(dot).toLowerCase()] : undefined) ?? 'application/octet-stream';
}
