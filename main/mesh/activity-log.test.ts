import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActivityLog, entryHash, type ActivityEntry } from './activity-log';
import { FileKeySecretBox } from './secret-box';

function open(dir: string): ActivityLog {
  return new ActivityLog(join(dir, 'activity.jsonl'), {
    keyFile: join(dir, 'keys', 'activity-log.key'),
    secretBox: new FileKeySecretBox(join(dir, 'keys', 'secret.key')),
  });
}

async function logWithThree() {
  const dir = mkdtempSync(join(tmpdir(), 'mw-activity-'));
  const file = join(dir, 'activity.jsonl');
  const log = open(dir);
  await log.append({ user: 'maya', action: 'pull', summary: 'Pulled customers v1', details: { product: 'customers' } });
  await log.append({ user: 'maya', action: 'analysis', summary: 'Ran attribution', details: { specHash: 'abc' } });
  await log.append({ user: 'avery', action: 'approve', summary: 'Approved audience a1 v1', details: {} });
  return { dir, file, head: `${file}.head`, log };
}

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

/** What an attacker without the key can do: the old unkeyed sha256 chain, or a guessed key. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
function forge(prev: ActivityEntry, user = 'mallory'): ActivityEntry {
  const body = { seq: prev.seq + 1, at: '2026-11-24T00:00:00.000Z', user, action: 'approve' as const, summary: 'Approved', details: {}, prev: prev.hash };
  return { ...body, hash: createHash('sha256').update(canonical(body)).digest('hex') };
}

describe('activity log', () => {
  it('chains entries and verifies an untouched log, also from a fresh reader', async () => {
    const { dir, log } = await logWithThree();
    const entries = await log.read();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[1]!.prev).toBe(entries[0]!.hash);
    expect(await log.verify()).toEqual({ intact: true, entries: 3 });
    expect(await open(dir).verify()).toEqual({ intact: true, entries: 3 });
  });

  it('keys the chain: the plain hash of an entry is not its MAC', async () => {
    const { log } = await logWithThree();
    const [first] = await log.read();
    const { hash, ...body } = first!;
    expect(createHash('sha256').update(canonical(body)).digest('hex')).not.toBe(hash);
    expect(entryHash(Buffer.alloc(32), body)).not.toBe(hash);
  });

  it('detects an edited line', async () => {
    const { file, log } = await logWithThree();
    const edited = lines(file);
    edited[1] = edited[1]!.replace('Ran attribution', 'Ran nothing');
    writeFileSync(file, `${edited.join('\n')}\n`);
    expect(await log.verify()).toMatchObject({ intact: false, line: 2 });
  });

  it('detects a removed line in the middle and at the end', async () => {
    const { file, log } = await logWithThree();
    const all = lines(file);
    writeFileSync(file, `${[all[0], all[2]].join('\n')}\n`);
    expect(await log.verify()).toMatchObject({ intact: false, line: 2 });
    writeFileSync(file, `${[all[0], all[1]].join('\n')}\n`);
    expect(await log.verify()).toMatchObject({ intact: false, line: 3, problem: expect.stringMatching(/removed/) });
  });

  it('recovers from a crash that cut the last line short without calling it tampering', async () => {
    const { dir, file, log } = await logWithThree();
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"seq":4,"at":"2026-11-`);
    expect(await log.verify()).toEqual({ intact: true, entries: 3 });
    const reopened = open(dir);
    const fourth = await reopened.append({ user: 'maya', action: 'export', summary: 'Exported audience', details: {} });
    expect(fourth.seq).toBe(4);
    expect(await reopened.verify()).toEqual({ intact: true, entries: 4 });
  });

  it('detects ONE line appended with a correctly recomputed (unkeyed) chain', async () => {
    const { file, log } = await logWithThree();
    const last = (await log.read()).at(-1)!;
    writeFileSync(file, `${readFileSync(file, 'utf8')}${JSON.stringify(forge(last))}\n`);
    expect(await log.verify()).toMatchObject({ intact: false, line: 4 });
  });

  it('detects lines forged onto the end with a recomputed chain and a rewritten head', async () => {
    const { file, head, log } = await logWithThree();
    const last = (await log.read()).at(-1)!;
    const fourth = forge(last);
    const fifth = forge(fourth);
    writeFileSync(file, `${readFileSync(file, 'utf8')}${JSON.stringify(fourth)}\n${JSON.stringify(fifth)}\n`);
    const oldHead = JSON.parse(readFileSync(head, 'utf8')) as { mac: string };
    writeFileSync(head, JSON.stringify({ seq: 5, hash: fifth.hash, mac: oldHead.mac }));
    expect(await log.verify()).toMatchObject({ intact: false });
  });

  it('detects a deleted head file followed by cutting the last line', async () => {
    const { file, head, log } = await logWithThree();
    rmSync(head);
    writeFileSync(file, `${lines(file).slice(0, 2).join('\n')}\n`);
    expect(await log.verify()).toMatchObject({ intact: false, line: 3, problem: expect.stringMatching(/head record is missing/) });
  });

  it('detects a deleted head file followed by replacing the last line', async () => {
    const { file, head, log } = await logWithThree();
    const entries = await log.read();
    rmSync(head);
    writeFileSync(file, `${lines(file).slice(0, 2).join('\n')}\n${JSON.stringify(forge(entries[1]!))}\n`);
    expect(await log.verify()).toMatchObject({ intact: false });
  });

  it('detects a head rewritten to match a cut log', async () => {
    const { file, head, log } = await logWithThree();
    const entries = await log.read();
    writeFileSync(file, `${lines(file).slice(0, 2).join('\n')}\n`);
    writeFileSync(head, JSON.stringify({ seq: 2, hash: entries[1]!.hash, mac: 'f'.repeat(64) }));
    expect(await log.verify()).toMatchObject({ intact: false, problem: expect.stringMatching(/head record was edited/) });
  });

  it('shows exactly the lines it verifies: a forged last line without a newline is neither listed nor trusted', async () => {
    const { file, log } = await logWithThree();
    const last = (await log.read()).at(-1)!;
    writeFileSync(file, `${readFileSync(file, 'utf8')}${JSON.stringify(forge(last))}`);
    const listed = await log.read();
    expect(listed.map((e) => e.user)).not.toContain('mallory');
    expect(await log.verify()).toEqual({ intact: true, entries: listed.length });
  });

  it('says so when the key was removed', async () => {
    const { dir } = await logWithThree();
    rmSync(join(dir, 'keys', 'activity-log.key'));
    expect(await open(dir).verify()).toMatchObject({ intact: false, problem: expect.stringMatching(/no key/) });
  });

  it('says so when the key cannot be unsealed, and keeps the log aside on the next entry', async () => {
    const { dir } = await logWithThree();
    writeFileSync(join(dir, 'keys', 'activity-log.key'), 'bm90IGEgc2VhbGVkIGtleQ==');
    const log = open(dir);
    expect(await log.verify()).toMatchObject({ intact: false, problem: expect.stringMatching(/no key/) });
    await log.append({ user: 'maya', action: 'pull', summary: 'Pulled', details: {} });
    expect(await log.verify()).toEqual({ intact: true, entries: 2 });
  });

  it('keeps an unkeyed log from before keyed chains aside and starts a keyed one that says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-activity-'));
    writeFileSync(join(dir, 'activity.jsonl'), '{"seq":1,"old":true}\n');
    const log = open(dir);
    await log.append({ user: 'maya', action: 'pull', summary: 'Pulled', details: {} });
    const entries = await log.read();
    expect(entries.map((e) => e.seq)).toEqual([1, 2]);
    expect(entries[0]!.summary).toMatch(/unkeyed log was kept aside/);
    expect(readdirSync(dir).some((n) => n.startsWith('activity.jsonl.unkeyed-'))).toBe(true);
    expect(await log.verify()).toEqual({ intact: true, entries: 2 });
  });

  it('never writes credentials into a line', async () => {
    const { log, file } = await logWithThree();
    await log.append({ user: 'maya', action: 'connection', summary: 'Added mesh', details: { url: 'https://maya:pa55word-xyz@mesh.example.com' } });
    expect(readFileSync(file, 'utf8')).not.toContain('pa55word-xyz');
    expect(existsSync(file)).toBe(true);
  });
});
