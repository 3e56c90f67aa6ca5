import { readFileSync, writeFileSync } from 'node:fs';

/** Flips 4 KB in the middle of a file, keeping its size: the damage a bad sector or a sync tool does. */
export function flipMiddle4k(path: string): void {
  const bytes = readFileSync(path);
  const start = Math.max(0, Math.floor(bytes.length / 2) - 2048);
  for (let i = start; i < Math.min(bytes.length, start + 4096); i++) bytes[i] = bytes[i]! ^ 0xff;
  writeFileSync(path, bytes);
}
