/**
 * Write a file so a crash leaves either the old or the new content, never half of one: write a
 * temp file beside it, fsync it, rename it over the old one. The file is 0600 and folders this
 * creates are 0700 (existing folders keep their mode; see private-fs.ts). The one home for the
 * app's and the demo mesh node's durable writes.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-fs';

/** `<name>.<uuid>.tmp`; older demo mesh nodes left `<name>.tmp-<hex>`, swept the same way. */
const TEMP_NAME = /^(.+)\.(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp|tmp-[0-9a-f]+)$/;

function tempPathFor(path: string): string {
  return `${path}.${randomUUID()}.tmp`;
}

export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
  const temp = tempPathFor(path);
  const handle = await open(temp, 'w', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * The same write, synchronous: the demo mesh node keeps each request's state change atomic with
 * respect to other requests by never yielding in the middle of one. It also fsyncs the folder,
 * so the rename itself survives a power cut.
 */
export function writeFileAtomicSync(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
  const temp = tempPathFor(path);
  const fd = openSync(temp, 'w', PRIVATE_FILE_MODE);
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  fsyncDir(dirname(path));
}

function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Removes every temp file a crash left in `dir`; they never hold committed content. */
export function removeStaleTempsIn(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (TEMP_NAME.test(name)) rmSync(join(dir, name), { force: true });
  }
}

/** Removes the temp files a crash left beside `path`. */
export function removeStaleTemps(path: string): void {
  const target = basename(path);
  for (const name of readdirSync(dirname(path))) {
    if (TEMP_NAME.exec(name)?.[1] === target) rmSync(join(dirname(path), name), { force: true });
  }
}
