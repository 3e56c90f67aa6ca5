import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isAllowedNavigation, isAppUrl, isSafeExternalUrl, mimeTypeOf, resolveAppAsset } from './trusted-url';

describe('app URLs', () => {
  it('accepts only the app host on the app scheme', () => {
    expect(isAppUrl('app://meshwork/index.html')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('https://meshwork/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('allows navigation only within the app', () => {
    expect(isAllowedNavigation('app://meshwork/index.html#/catalog')).toBe(true);
    expect(isAllowedNavigation('https://example.com/')).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)')).toBe(false);
  });
});

describe('external links', () => {
  it('opens plain http(s) links with a host', () => {
    expect(isSafeExternalUrl('https://docs.example.com/guide')).toBe(true);
    expect(isSafeExternalUrl('http://example.com')).toBe(true);
  });

  it('refuses other schemes, credentials and hostless URLs', () => {
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeExternalUrl('smb://server/share')).toBe(false);
    expect(isSafeExternalUrl('https://user:pass@example.com')).toBe(false);
    expect(isSafeExternalUrl('app://meshwork/index.html')).toBe(false);
    expect(isSafeExternalUrl('https://')).toBe(false);
  });
});

describe('app:// asset resolution', () => {
  const root = '/opt/meshwork/renderer';

  it('maps app paths under the renderer root', () => {
    expect(resolveAppAsset(root, 'app://meshwork/index.html')).toBe('/opt/meshwork/renderer/index.html');
    expect(resolveAppAsset(root, 'app://meshwork/')).toBe('/opt/meshwork/renderer/index.html');
    expect(resolveAppAsset(root, 'app://meshwork/assets/app.js?v=1')).toBe('/opt/meshwork/renderer/assets/app.js');
  });

  it('refuses traversal, encoded or not, and other hosts', () => {
    // The URL parser collapses literal dot segments, so this stays inside the root.
    expect(resolveAppAsset(root, 'app://meshwork/../../etc/passwd')).toBe('/opt/meshwork/renderer/etc/passwd');
    expect(resolveAppAsset(root, 'app://meshwork/%2e%2e/%2e%2e/etc/passwd')).toBe('/opt/meshwork/renderer/etc/passwd');
    expect(resolveAppAsset(root, 'app://meshwork/assets/..%2f..%2fsecret')).toBeNull();
    expect(resolveAppAsset(root, 'app://meshwork/a%5c..%5csecret')).toBeNull();
    expect(resolveAppAsset(root, 'app://meshwork/%00')).toBeNull();
    expect(resolveAppAsset(root, 'app://other/index.html')).toBeNull();
    expect(resolveAppAsset(root, 'file:///opt/meshwork/renderer/index.html')).toBeNull();
  });

  it('serves scripts with a JavaScript MIME type', () => {
    expect(mimeTypeOf('/x/app.js')).toMatch(/javascript/);
    expect(mimeTypeOf('/x/index.html')).toMatch(/text\/html/);
    expect(mimeTypeOf('/x/unknown.bin')).toBe('application/octet-stream');
  });
});

describe('content security policy', () => {
  it('never allows eval, inline scripts or remote origins for scripts', () => {
    const scriptSrc = CONTENT_SECURITY_POLICY.split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
  });
});
