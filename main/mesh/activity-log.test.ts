import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActivityLog, entryHash } from './activity-log';

async function logWithThree() {
  const file = join(mkdtempSync(join(tmpdir(), 'mw-activity-')), 'activity.jsonl');
  const log = new ActivityLog(file);
  await log.append({ user: 'maya', action: 'pull', summary: 'Pulled customers v1', details: { product: 'customers' } });
  await log.append({ user: 'maya', action: 'analysis', summary: 'Ran attribution', details: { specHash: 'abc' } });
  await log.append({ user: 'avery', action: 'approve', summary: 'Approved audience a1 v1', details: {} });
  return { file, log };
}

describe('activity log', () => {
  it('chains entries and verifies an untouched log', async () => {
    const { log } = await logWithThree();
    const entries = await log.read();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[1]!.prev).toBe(entries[0]!.hash);
    expect(await log.verify()).toEqual({ intact: true, entries: 3 });
  });

  it('detects an edited line', async () => {
    const { file, log } = await logWithThree();
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = lines[1]!.replace('Ran attribution', 'Ran nothing');
    writeFileSync(file, lines.join('\n'));
    expect(await log.verify()).toMatchObject({ intact: false, line: 2 });
  });

  it('detects a removed line in the middle and at the end', async () => {
    const { file, log } = await logWithThree();
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    writeFileSync(file, `${[lines[0], lines[2]].join('\n')}\n`);
    expect(await log.verify()).toMatchObject({ intact: false, line: 2 });
    writeFileSync(file, `${[lines[0], lines[1]].join('\n')}\n`);
    expect(await log.verify()).toMatchObject({ intact: false, problem: expect.stringMatching(/removed/) });
  });

  it('recovers from a crash that cut the last line short without calling it tampering', async () => {
    const { file, log } = await logWithThree();
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"seq":4,"at":"2026-11-`);
    expect(await log.verify()).toEqual({ intact: true, entries: 3 });
    const reopened = new ActivityLog(file);
    const fourth = await reopened.append({ user: 'maya', action: 'export', summary: 'Exported audience', details: {} });
    expect(fourth.seq).toBe(4);
    expect(await reopened.verify()).toEqual({ intact: true, entries: 4 });
  });

  it('detects lines forged onto the end with a recomputed chain', async () => {
    const { file, log } = await logWithThree();
    const entries = await log.read();
    let prev = entries.at(-1)!.hash;
    let text = readFileSync(file, 'utf8');
    for (const seq of [4, 5]) {
      const body = { seq, at: '2026-11-24T00:00:00.000Z', user: 'mallory', action: 'approve' as const, summary: 'Approved', details: {}, prev };
      prev = entryHash(body);
      text += `${JSON.stringify({ ...body, hash: prev })}\n`;
    }
    writeFileSync(file, text);
    expect(await new ActivityLog(file).verify()).toMatchObject({ intact: false });
  });
});
