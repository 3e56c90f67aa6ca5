import { mkdir, open, rename, rm } from 'node:fs/promises';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * Write a file so a crash leaves either the old or the new content, never half of one. The file
 * is 0600 and folders this creates are 0700 (existing folders keep their mode; see private-fs.ts).
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
  const temp = `${path}.${randomUUID()}.tmp`;
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
