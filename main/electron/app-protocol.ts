import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, mimeTypeOf, resolveAppAsset } from './trusted-url';

/** Must run before the app is ready: app:// behaves like https (secure, standard origin). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer read-only: GET only, no path outside `root`, CSP on every answer. */
export function serveAppScheme(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return new Response('Method not allowed', { status: 405 });
    const file = resolveAppAsset(root, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': mimeTypeOf(file),
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
