import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ensurePrivateDirSync } from '../fs/private-fs';
import { dirname } from 'node:path';

/** Seals mesh tokens at rest. Electron main injects one backed by `safeStorage` (OS keychain). */
export interface SecretBox {
  readonly kind: string;
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

/**
 * The fallback for the CLI and the browser host, where Electron's safeStorage does not exist:
 * AES-256-GCM with a random key kept in a 0600 file beside the data. Weaker than the OS
 * keychain (anyone who can read the user's files can read the key), so the desktop app never
 * uses it.
 */
export class FileKeySecretBox implements SecretBox {
  readonly kind = 'file-key (weaker than the OS keychain)';
  private readonly key: Buffer;

  constructor(keyFile: string) {
    if (existsSync(keyFile)) {
      this.key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
      if (this.key.length !== 32) throw new Error(`The key file ${keyFile} is damaged; delete it and add your mesh tokens again.`);
    } else {
      ensurePrivateDirSync(dirname(keyFile));
      this.key = randomBytes(32);
      writeFileSync(keyFile, this.key.toString('base64'), { mode: 0o600 });
    }
    chmodSync(keyFile, 0o600);
  }

  encrypt(plain: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decrypt(sealed: Buffer): string {
    const iv = sealed.subarray(0, 12);
    const tag = sealed.subarray(12, 28);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
  }
}
