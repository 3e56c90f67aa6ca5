import { open } from 'node:fs/promises';

/** fsync a directory so a rename inside it survives a power cut (no-op where unsupported). */
export async function fsyncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open directories for sync; NTFS journals renames itself.
  } finally {
    await handle?.close();
  }
}

export async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
