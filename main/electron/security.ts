/**
 * The Electron shell's security rules in one place, applied to every web contents:
 * no navigation away from the app, no new windows, no webviews, no permissions.
 * Imported by main.ts for its effect; the URL decisions live in trusted-url.ts.
 */
import { app, shell, type WebContents } from 'electron';
import { isAllowedNavigation, isSafeExternalUrl } from './trusted-url';

export async function openExternalSafely(url: string): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  // Only plain http(s) URLs with a host and no credentials reach this line (trusted-url.ts).
  await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
  return true;
}

function harden(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(url);
    return { action: 'deny' };
  });
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
  if (app.isPackaged) {
    contents.on('devtools-opened', () => contents.closeDevTools());
  }
}

app.on('web-contents-created', (_event, contents) => harden(contents));
