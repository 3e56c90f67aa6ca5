/**
 * Customer data must not be readable by other local accounts: every folder Meshwork writes
 * is 0700 and every file 0600 (POSIX only; Windows has no such modes).
 */
import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../../fixtures/mesh/test-support';
import { describeParquetInProcess } from '../mesh/describe-parquet';
import { MeshService } from '../mesh/mesh-service';
import { FileKeySecretBox } from '../mesh/secret-box';
import { writeFileAtomic } from './atomic-file';
import { ensurePrivateDir, ensurePrivateDirSync, restrictTree } from './private-fs';

const posix = process.platform !== 'win32';
const mode = (path: string) => statSync(path).mode & 0o777;

/** Every folder and file under root whose mode is not private, as "path mode" lines. */
async function notPrivate(root: string): Promise<string[]> {
  const bad: string[] = [];
  const walk = async (path: string) => {
    const info = await lstat(path);
    const m = info.mode & 0o777;
    if (info.isDirectory()) {
      if (m !== 0o700) bad.push(`${path} ${m.toString(8)}`);
      for (const name of await readdir(path)) await walk(join(path, name));
    } else if (info.isFile() && m !== 0o600) bad.push(`${path} ${m.toString(8)}`);
  };
  await walk(root);
  return bad;
}

describe.runIf(posix)('private folders and files', () => {
  let t: TestNode;
  beforeAll(async () => {
    t = await startTestNode();
  }, 120_000);
  afterAll(async () => t?.dispose());

  it('keeps the mesh node state (its generated customer data included) owner-only', async () => {
    expect(await notPrivate(t.stateDir)).toEqual([]);
  });

  it('keeps a workspace owner-only after a pull, an outbox write, activity and secrets', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'mw-private-')), 'workspace');
    ensurePrivateDirSync(dataDir);
    const svc = new MeshService({ dataDir, secretBox: new FileKeySecretBox(join(dataDir, 'keys', 'secret.key')), describe: describeParquetInProcess });
    await svc.connections.add({ name: 'test mesh', url: t.node.url, token: t.node.tokens.marketer });
    await svc.listProducts();
    await svc.getContract('customers');
    await svc.pull('customers');
    await svc.activate('no-such-audience', 1);
    await svc.logActivity({ action: 'export', summary: 'test', details: {} });
    expect(mode(dataDir)).toBe(0o700);
    expect(await notPrivate(dataDir)).toEqual([]);
  }, 60_000);

  it('writeFileAtomic creates 0600 files and 0700 folders', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mw-private-'));
    await writeFileAtomic(join(root, 'a', 'b', 'file.json'), '{}');
    expect(await notPrivate(root)).toEqual([]);
  });

  it('tightens a folder that already existed with a loose mode, and a whole tree', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mw-private-'));
    const loose = join(root, 'old-workspace');
    mkdirSync(join(loose, 'extracts'), { recursive: true, mode: 0o755 });
    chmodSync(loose, 0o755);
    writeFileSync(join(loose, 'extracts', 'rows.parquet'), 'x', { mode: 0o644 });
    await ensurePrivateDir(loose);
    expect(mode(loose)).toBe(0o700);
    expect(mode(join(loose, 'extracts'))).toBe(0o755);
    await restrictTree(loose);
    expect(await notPrivate(loose)).toEqual([]);
  });
});
