import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { MeshError } from './mesh-error';

/**
 * A pull that fails on this machine's disk, not on the network: said in plain words, and never
 * retried (a full disk stays full for the next attempt) nor taken for the mesh being offline.
 */
export class DiskError extends MeshError {
  constructor(code: 'disk_full' | 'not_writable', message: string) {
    super(null, code, message, false);
    this.name = 'DiskError';
  }

  override get offline(): boolean {
    return false;
  }
}

const FULL = new Set(['ENOSPC', 'EDQUOT']);
const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS']);

/** The errno of a Node file-system error, if it is one. */
export function errnoOf(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * `error` as a DiskError when it is a full disk or a folder that cannot be written to (`where`
 * names the folder, else the path the error names); null for anything else.
 */
export function diskError(error: unknown, where?: string): DiskError | null {
  if (error instanceof DiskError) return error;
  const code = errnoOf(error);
  where ??= (error as NodeJS.ErrnoException | null)?.path ?? 'the download folder';
  if (code && FULL.has(code)) {
    return new DiskError('disk_full', `The disk holding ${where} is full (${code}): free some space and pull again. Nothing was installed.`);
  }
  if (code && NOT_WRITABLE.has(code)) {
    const why = code === 'EROFS' ? 'it is on a read-only file system' : 'you do not have permission to write there';
    return new DiskError('not_writable', `Cannot write to ${where}: ${why} (${code}). Choose a folder you can write to. Nothing was installed.`);
  }
  return null;
}

/**
 * Checks up front that `dir` (or, when it does not exist yet, the nearest folder above it that
 * does) can be written: Node's recursive mkdir reports a read-only file system as ENOENT, which
 * would read as a missing folder.
 */
export async function checkWritable(dir: string): Promise<void> {
  let probe = resolve(dir);
  while (
    !(await stat(probe).then(
      () => true,
      () => false,
    ))
  ) {
    const up = dirname(probe);
    if (up === probe) break;
    probe = up;
  }
  try {
    await access(probe, constants.W_OK);
  } catch (error) {
    throw diskError(error, probe === resolve(dir) ? dir : `${dir} (its parent ${probe})`) ?? error;
  }
}
