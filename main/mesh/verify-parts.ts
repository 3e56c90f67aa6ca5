import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-file';
import { sha256OfFile } from './download-part';

/**
 * Checks extract parts against the sha256 their manifest recorded at pull, before the engine
 * reads them: a damaged part (a bad sector, a sync tool, a hand edit) otherwise reads without
 * complaint and changes the answer. Hashes are remembered by (size, mtime), so an unchanged part
 * is not re-hashed on every load; any write to a part changes its mtime and it is hashed again.
 */
export interface ExpectedPart {
  path: string;
  sha256: string;
  bytes: number;
}

export interface PartProblem {
  path: string;
  message: string;
}

interface Seen {
  size: number;
  mtimeMs: number;
  sha256: string;
}

export class PartVerifier {
  private seen: Map<string, Seen> | null = null;
  /** How many files were actually hashed (the rest came from the remembered hashes). */
  hashed = 0;

  /** `stateFile` keeps the remembered hashes across restarts (optional). */
  constructor(
    private readonly stateFile?: string,
    private readonly hash: (path: string) => Promise<string> = sha256OfFile,
  ) {}

  private async load(): Promise<Map<string, Seen>> {
    if (this.seen) return this.seen;
    const text = this.stateFile ? await readFile(this.stateFile, 'utf8').catch(() => null) : null;
    let entries: Array<[string, Seen]>;
    try {
      entries = text ? (Object.entries(JSON.parse(text) as Record<string, Seen>) as Array<[string, Seen]>) : [];
    } catch {
      entries = [];
    }
    this.seen = new Map(entries.filter(([, v]) => typeof v?.sha256 === 'string' && typeof v.size === 'number' && typeof v.mtimeMs === 'number'));
    return this.seen;
  }

  /** The first problem per part (missing, wrong size, wrong sha256); empty when all match. */
  async verify(parts: readonly ExpectedPart[]): Promise<PartProblem[]> {
    const seen = await this.load();
    const problems: PartProblem[] = [];
    let changed = false;
    for (const part of parts) {
      const st = await stat(part.path).catch(() => null);
      if (!st || !st.isFile()) {
        problems.push({ path: part.path, message: `${part.path} is missing` });
        continue;
      }
      if (st.size !== part.bytes) {
        problems.push({ path: part.path, message: `${part.path} has ${st.size} bytes, the manifest says ${part.bytes}` });
        continue;
      }
      const known = seen.get(part.path);
      let actual: string;
      if (known && known.size === st.size && known.mtimeMs === st.mtimeMs) actual = known.sha256;
      else {
        actual = await this.hash(part.path);
        this.hashed++;
        seen.set(part.path, { size: st.size, mtimeMs: st.mtimeMs, sha256: actual });
        changed = true;
      }
      if (actual !== part.sha256)
        problems.push({ path: part.path, message: `${part.path} is damaged: its sha256 is ${actual}, the manifest recorded ${part.sha256}` });
    }
    if (changed && this.stateFile) await writeFileAtomic(this.stateFile, JSON.stringify(Object.fromEntries(seen))).catch(() => undefined);
    return problems;
  }
}

/** The parts of a manifest as they sit in `<partsDir>/<name>`. */
export function expectedParts(partsDir: string, files: readonly { name: string; sha256: string; bytes: number }[]): ExpectedPart[] {
  return files.map((f) => ({ path: join(partsDir, f.name), sha256: f.sha256, bytes: f.bytes }));
}
