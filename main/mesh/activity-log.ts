import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, stat, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-file';

export const activityActions = ['pull', 'analysis', 'export', 'submit', 'approve', 'reject', 'activate', 'connection'] as const;

export const activityEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  user: z.string(),
  action: z.enum(activityActions),
  summary: z.string(),
  details: z.record(z.string(), z.unknown()),
  prev: z.string(),
  hash: z.string(),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;
export type NewActivity = Pick<ActivityEntry, 'user' | 'action' | 'summary' | 'details'>;

export type VerifyResult = { intact: true; entries: number } | { intact: false; entries: number; line: number; problem: string };

const GENESIS = '0'.repeat(64);

/** Canonical JSON (sorted keys) so the hash does not depend on key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function entryHash(entry: Omit<ActivityEntry, 'hash'>): string {
  return createHash('sha256').update(canonical(entry)).digest('hex');
}

/**
 * The append-only, hash-chained activity log (`activity.jsonl`): each line carries the hash of
 * the line before, so editing or removing any line breaks the chain; a head file records the
 * last hash, so cutting lines off the end is caught too.
 */
export class ActivityLog {
  private readonly headFile: string;
  private tail: Promise<unknown> = Promise.resolve();
  /** The last entry and the file size after it, so an append does not re-read the whole log. */
  private last: { entry: ActivityEntry | null; size: number } | null = null;

  constructor(private readonly file: string) {
    this.headFile = `${file}.head`;
  }

  append(activity: NewActivity): Promise<ActivityEntry> {
    const next = this.tail.then(async () => {
      const last = await this.lastEntry();
      const body = { seq: (last.entry?.seq ?? 0) + 1, at: new Date().toISOString(), ...activity, prev: last.entry?.hash ?? GENESIS };
      const entry: ActivityEntry = { ...body, hash: entryHash(body) };
      await mkdir(dirname(this.file), { recursive: true });
      const line = `${JSON.stringify(entry)}\n`;
      await appendFile(this.file, line, { mode: 0o600 });
      // Written after the line: a crash in between leaves the head one entry behind, which
      // verify() accepts, never ahead of the log.
      await writeFileAtomic(this.headFile, JSON.stringify({ seq: entry.seq, hash: entry.hash }));
      this.last = { entry, size: last.size + Buffer.byteLength(line) };
      return entry;
    });
    this.tail = next.catch(() => undefined);
    return next;
  }

  /**
   * The last complete entry. A final line cut short by a crash mid-write was never recorded in
   * the head file; it is removed here so the next entry starts on a line of its own.
   */
  private async lastEntry(): Promise<{ entry: ActivityEntry | null; size: number }> {
    const size = await stat(this.file).then((st) => st.size, () => 0);
    // Re-read only when someone else (another process on this workspace) wrote since.
    if (this.last && this.last.size === size) return this.last;
    const text = await readFile(this.file, 'utf8').catch(() => '');
    let kept = Buffer.byteLength(text);
    if (text.length > 0 && !text.endsWith('\n')) {
      kept = Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1));
      await truncate(this.file, kept);
    }
    this.last = { entry: (await this.read()).at(-1) ?? null, size: kept };
    return this.last;
  }

  /** Every entry that parses, oldest first (verify() says whether they can be trusted). */
  async read(): Promise<ActivityEntry[]> {
    const text = await readFile(this.file, 'utf8').catch(() => '');
    const out: ActivityEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const parsed = activityEntrySchema.safeParse(JSON.parse(line));
        if (parsed.success) out.push(parsed.data);
      } catch {
        // An unparsable line is reported by verify().
      }
    }
    return out;
  }

  async verify(): Promise<VerifyResult> {
    const text = await readFile(this.file, 'utf8').catch(() => '');
    const head = await readFile(this.headFile, 'utf8').then((t) => JSON.parse(t) as { seq: number; hash: string }, () => null);
    const complete = text.endsWith('\n') || text.length === 0 ? text : text.slice(0, text.lastIndexOf('\n') + 1);
    // A last line without its newline is a write a crash cut short, unless the head claims it.
    const torn = complete !== text && !(head && head.seq > complete.split('\n').filter((l) => l.trim()).length);
    const lines = (torn ? complete : text).split('\n').filter((l) => l.trim().length > 0);
    const hashes: string[] = [];
    let prev = GENESIS;
    let seq = 0;
    for (const [index, line] of lines.entries()) {
      const lineNo = index + 1;
      let entry: ActivityEntry;
      try {
        const parsed = activityEntrySchema.safeParse(JSON.parse(line));
        if (!parsed.success) return { intact: false, entries: lines.length, line: lineNo, problem: `line ${lineNo} is not a valid entry` };
        entry = parsed.data;
      } catch {
        return { intact: false, entries: lines.length, line: lineNo, problem: `line ${lineNo} is not valid JSON` };
      }
      if (entry.seq !== seq + 1 || entry.prev !== prev) {
        return { intact: false, entries: lines.length, line: lineNo, problem: `an entry before line ${lineNo} was removed or reordered` };
      }
      const { hash, ...body } = entry;
      if (entryHash(body) !== hash) return { intact: false, entries: lines.length, line: lineNo, problem: `line ${lineNo} was edited after it was written` };
      prev = hash;
      seq = entry.seq;
      hashes.push(hash);
    }
    if (head && head.seq > seq) {
      return { intact: false, entries: lines.length, line: lines.length + 1, problem: `entries after line ${lines.length} were removed` };
    }
    // The head may be one behind the log (a crash between the line and the head), never different.
    if (head && head.seq > 0 && (head.seq < seq - 1 || hashes[head.seq - 1] !== head.hash)) {
      return { intact: false, entries: lines.length, line: head.seq, problem: `the log does not match its head record at line ${head.seq}; lines were replaced` };
    }
    return { intact: true, entries: lines.length };
  }
}
