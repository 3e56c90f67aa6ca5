import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileKeySecretBox } from './secret-box';

describe('FileKeySecretBox', () => {
  it('seals a token so the sealed bytes do not contain it, and only the same key file opens it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-box-'));
    const box = new FileKeySecretBox(join(dir, 'secret.key'));
    const sealed = box.encrypt('tok_live_abc123');
    expect(sealed.toString('latin1')).not.toContain('tok_live_abc123');
    expect(new FileKeySecretBox(join(dir, 'secret.key')).decrypt(sealed)).toBe('tok_live_abc123');
    expect(() => new FileKeySecretBox(join(dir, 'other.key')).decrypt(sealed)).toThrow();
    if (process.platform !== 'win32') expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
  });
});
