import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { appendFile, readFile, rename, stat, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-file';
import { ensurePrivateDir } from '../fs/private-fs';
import { redactDeep } from './redact';
import type { SecretBox } from './secret-box';

export const activityActions = ['pull', 'analysis', 'export', 'submit', 'approve', 'reject', 'activate', 'connection', 'purge'] as const;

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

const headSchema = z.object({ seq: z.number().int().nonnegative(), hash: z.string(), mac: z.string() });
type Head = z.infer<typeof headSchema>;

/** Canonical JSON (sorted keys) so the MAC does not depend on key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * HMAC-SHA256 of the entry under the log's key. A plain hash can be recomputed by anyone who
 * edits the file; a keyed one only by whoever can unseal the key.
 */
export function entryHash(key: Buffer, entry: Omit<ActivityEntry, 'hash'>): string {
  return createHmac('sha256', key)
    .update(`entry\n${canonical(entry)}`)
    .digest('hex');
}

function headMac(key: Buffer, seq: number, hash: string): string {
  return createHmac('sha256', key).update(`head\n${seq}\n${hash}`).digest('hex');
}

/** The head record, or null when it is not one or its MAC is wrong. */
function parseHead(text: string, key: Buffer): Head | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = headSchema.safeParse(json);
  return parsed.success && sameHex(parsed.data.mac, headMac(key, parsed.data.seq, parsed.data.hash)) ? parsed.data : null;
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The one reading of the log file that both the list and verify use: complete lines only
 * (a last line without its newline is a write a crash cut short, and neither shows nor
 * checks it), each parsed or marked as not an entry.
 */
export interface ParsedLog {
  lines: Array<{ entry: ActivityEntry | null; problem: string | null }>;
  /** Bytes of the complete lines: where the next entry starts. */
  completeBytes: number;
}

export function parseLog(text: string): ParsedLog {
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  const lines = complete
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        return { entry: null, problem: 'is not valid JSON' };
      }
      const parsed = activityEntrySchema.safeParse(json);
      return parsed.success ? { entry: parsed.data, problem: null } : { entry: null, problem: 'is not a valid entry' };
    });
  return { lines, completeBytes: Buffer.byteLength(complete) };
}

export interface ActivityLogOptions {
  /** Where the log's key is kept, sealed by `secretBox` like the mesh tokens. */
  keyFile: string;
  secretBox: SecretBox;
}

/**
 * The append-only activity log (`activity.jsonl`), chained with a keyed MAC: each line carries
 * the MAC of the line before and its own, so editing, removing, reordering or adding a line
 * without the key breaks the chain. A head file records the last entry (itself MACed), so
 * cutting lines off the end is caught; it exists from the log's first moment, so deleting it
 * is caught too. The key is created with the log and sealed by the SecretBox (the OS
 * keychain in the desktop app); a log found without a key (from before keys) is set aside.
 */
export class ActivityLog {
  private readonly headFile: string;
  private tail: Promise<unknown> = Promise.resolve();
  /** The last entry and the file size after it, so an append does not re-read the whole log. */
  private last: { entry: ActivityEntry | null; size: number } | null = null;
  private key: Promise<Buffer | null> | null = null;

  constructor(
    private readonly file: string,
    private readonly options: ActivityLogOptions,
  ) {
    this.headFile = `${file}.head`;
  }

  /** The key, or null while the log has never been written (nothing to check yet). */
  private loadKey(): Promise<Buffer | null> {
    // A key that cannot be read or unsealed counts as none: verify says so, and the next
    // append keeps the old log aside rather than failing every entry from now on.
    this.key ??= readFile(this.options.keyFile, 'utf8')
      .then((sealed) => Buffer.from(this.options.secretBox.decrypt(Buffer.from(sealed.trim(), 'base64')), 'hex'))
      .then((key) => (key.length === 32 ? key : null))
      .catch(() => null);
    return this.key;
  }

  /**
   * First write: a new key and an empty head, written before any line so a log with lines
   * always has both. A log already here without a key predates keyed chains: it is renamed
   * aside (kept, not trusted) and the new log starts by saying so.
   */
  private async createKey(): Promise<{ key: Buffer; archived: string | null }> {
    await ensurePrivateDir(dirname(this.file));
    await ensurePrivateDir(dirname(this.options.keyFile));
    const existing = await stat(this.file).then(
      (s) => s.size,
      () => 0,
    );
    let archived: string | null = null;
    if (existing > 0) {
      archived = `${this.file}.unkeyed-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(this.file, archived);
    }
    const key = randomBytes(32);
    await this.writeHead(key, 0, GENESIS);
    await writeFileAtomic(this.options.keyFile, this.options.secretBox.encrypt(key.toString('hex')).toString('base64'));
    this.key = Promise.resolve(key);
    this.last = { entry: null, size: 0 };
    return { key, archived };
  }

  private async writeHead(key: Buffer, seq: number, hash: string): Promise<void> {
    const head: Head = { seq, hash, mac: headMac(key, seq, hash) };
    await writeFileAtomic(this.headFile, JSON.stringify(head));
  }

  append(activity: NewActivity): Promise<ActivityEntry> {
    const next = this.tail.then(async () => {
      let key = await this.loadKey();
      if (!key) {
        const created = await this.createKey();
        key = created.key;
        if (created.archived) {
          await this.appendWith(key, {
            user: activity.user,
            action: 'connection',
            summary: 'Started a keyed activity log; the earlier unkeyed log was kept aside',
            details: { archived: created.archived },
          });
        }
      }
      return this.appendWith(key, activity);
    });
    // Not a silent catch: the caller gets `next` and its error; the tail only orders appends and
    // must not stay rejected, or every later append would fail too.
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async appendWith(key: Buffer, activity: NewActivity): Promise<ActivityEntry> {
    const last = await this.lastEntry();
    // No token or credentials in a log line, whatever a caller put in the details.
    const safe = redactDeep(activity);
    const body = { seq: (last.entry?.seq ?? 0) + 1, at: new Date().toISOString(), ...safe, prev: last.entry?.hash ?? GENESIS };
    const entry: ActivityEntry = { ...body, hash: entryHash(key, body) };
    const line = `${JSON.stringify(entry)}\n`;
    await appendFile(this.file, line, { mode: 0o600 });
    // Written after the line: a crash in between leaves the head one entry behind, which
    // verify() accepts, never ahead of the log.
    await this.writeHead(key, entry.seq, entry.hash);
    this.last = { entry, size: last.size + Buffer.byteLength(line) };
    return entry;
  }

  /**
   * The last complete entry. A final line cut short by a crash mid-write was never recorded in
   * the head file; it is removed here so the next entry starts on a line of its own.
   */
  private async lastEntry(): Promise<{ entry: ActivityEntry | null; size: number }> {
    const size = await stat(this.file).then(
      (st) => st.size,
      () => 0,
    );
    // Re-read only when someone else (another process on this workspace) wrote since.
    if (this.last && this.last.size === size) return this.last;
    const parsed = parseLog(await readFile(this.file, 'utf8').catch(() => ''));
    if (parsed.completeBytes < size) await truncate(this.file, parsed.completeBytes);
    const entries = parsed.lines.flatMap((l) => (l.entry ? [l.entry] : []));
    this.last = { entry: entries.at(-1) ?? null, size: parsed.completeBytes };
    return this.last;
  }

  /** Every entry on the lines verify() checks, oldest first (verify() says whether to trust them). */
  async read(): Promise<ActivityEntry[]> {
    const parsed = parseLog(await readFile(this.file, 'utf8').catch(() => ''));
    return parsed.lines.flatMap((l) => (l.entry ? [l.entry] : []));
  }

  async verify(): Promise<VerifyResult> {
    const { lines } = parseLog(await readFile(this.file, 'utf8').catch(() => ''));
    const entries = lines.length;
    const key = await this.loadKey();
    const headText = await readFile(this.headFile, 'utf8').catch(() => null);
    if (!key) {
      if (entries === 0 && headText === null) return { intact: true, entries: 0 };
      return { intact: false, entries, line: 1, problem: 'the log has no key to check it with (it was removed, or the log was written without one)' };
    }
    if (headText === null) {
      return { intact: false, entries, line: entries + 1, problem: 'the head record is missing: lines at the end may have been removed or replaced' };
    }
    const head = parseHead(headText, key);
    if (!head) return { intact: false, entries, line: Math.max(1, entries), problem: 'the head record was edited; the end of the log cannot be trusted' };
    const hashes: string[] = [];
    let prev = GENESIS;
    let seq = 0;
    for (const [index, { entry, problem }] of lines.entries()) {
      const lineNo = index + 1;
      if (!entry) return { intact: false, entries, line: lineNo, problem: `line ${lineNo} ${problem}` };
      const { hash, ...body } = entry;
      const authentic = sameHex(entryHash(key, body), hash);
      if (entry.seq !== seq + 1 || entry.prev !== prev) {
        // A line whose own MAC is right but whose link is not: something before it is gone.
        return authentic
          ? { intact: false, entries, line: lineNo, problem: `an entry before line ${lineNo} was removed or reordered` }
          : { intact: false, entries, line: lineNo, problem: `line ${lineNo} was edited or added without the log's key` };
      }
      if (!authentic) return { intact: false, entries, line: lineNo, problem: `line ${lineNo} was edited or added without the log's key` };
      prev = hash;
      seq = entry.seq;
      hashes.push(hash);
    }
    if (head.seq > seq) {
      return { intact: false, entries, line: entries + 1, problem: `entries after line ${entries} were removed` };
    }
    // The head may be one behind the log (a crash between the line and the head), never different.
    if (head.seq < seq - 1) {
      return { intact: false, entries, line: head.seq + 2, problem: `line ${head.seq + 2} and later are not in the log's head record; they were added` };
    }
    if (head.seq > 0 && hashes[head.seq - 1] !== head.hash) {
      return {
        intact: false,
        entries,
        line: Math.max(1, head.seq),
        problem: `the log does not match its head record at line ${head.seq}; lines were replaced`,
      };
    }
    return { intact: true, entries };
  }
}
