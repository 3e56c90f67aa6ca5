/**
 * Customer data on disk is for the user who pulled it only: every folder Meshwork keeps data in
 * (workspace, extract cache, outbox, activity log, embedded demo mesh) is 0700 and every file
 * 0600, like the sealed secrets. One place for the modes so no writer forgets them.
 * (Windows ignores POSIX modes; there the profile folder's ACL is what protects the data.)
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates `dir` (and missing parents, all 0700) and makes `dir` itself 0700 even when it
 * already existed (a workspace from an earlier version). Existing parents are left alone:
 * they may be the user's home or /tmp.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await chmod(dir, PRIVATE_DIR_MODE);
}

export function ensurePrivateDirSync(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Brings a whole tree to 0700 folders and 0600 files. For data written by code that does not
 * take a mode (DuckDB's COPY ... TO, the data generator) and for workspaces created before
 * modes were set. Symbolic links are not followed.
 */
export async function restrictTree(root: string): Promise<void> {
  const info = await lstat(root).catch(() => null);
  if (!info || info.isSymbolicLink()) return;
  if (info.isDirectory()) {
    await chmod(root, PRIVATE_DIR_MODE);
    for (const name of await readdir(root)) await restrictTree(join(root, name));
  } else if (info.isFile() && (info.mode & 0o777) !== PRIVATE_FILE_MODE) {
    await chmod(root, PRIVATE_FILE_MODE);
  }
}
