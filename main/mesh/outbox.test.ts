import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MeshError } from './mesh-error';
import { Outbox, type OutboxItem } from './outbox';

function outboxWith(send: (item: OutboxItem) => Promise<unknown>, clock = { t: Date.parse('2026-11-24T00:00:00Z') }, random?: () => number) {
  const dir = mkdtempSync(join(tmpdir(), 'mw-outbox-unit-'));
  return { dir, clock, outbox: new Outbox({ dir, send, now: () => clock.t, ...(random ? { random } : {}) }) };
}

const item = {
  kind: 'activate' as const,
  summary: 'Activate a1 v1',
  connectionId: 'c1',
  path: '/v1/activations',
  body: { audience_id: 'a1', version: 1 },
  user: 'maya',
};

describe('outbox', () => {
  it('resends with the same idempotency key after a 5xx and after an unknown outcome, then stops', async () => {
    const keys: string[] = [];
    const answers: Array<() => unknown> = [
      () => {
        throw new MeshError(503, 'unavailable', 'busy', true);
      },
      () => {
        throw new MeshError(null, 'offline', 'connection reset', true);
      },
      () => ({ id: 'act_1' }),
    ];
    const { outbox, clock } = outboxWith(async (i) => {
      keys.push(i.idempotencyKey);
      return answers.shift()!();
    });
    const queued = await outbox.enqueue(item);
    for (let pass = 0; pass < 5; pass++) {
      await outbox.drain();
      clock.t += 60_000;
    }
    const sent = await outbox.get(queued.id);
    expect(sent).toMatchObject({ state: 'sent', attempts: 3, result: { id: 'act_1' } });
    expect(keys).toEqual([queued.idempotencyKey, queued.idempotencyKey, queued.idempotencyKey]);
  });

  it('never retries another 4xx and keeps the mesh message for the user', async () => {
    let calls = 0;
    const { outbox, clock } = outboxWith(async () => {
      calls++;
      throw new MeshError(409, 'not_approved', 'Audience a1 version 1 is pending approval; it cannot be activated yet.', false);
    });
    const queued = await outbox.enqueue(item);
    await outbox.drain();
    clock.t += 3_600_000;
    await outbox.drain({ ignoreBackoff: true });
    expect(calls).toBe(1);
    expect(await outbox.get(queued.id)).toMatchObject({ state: 'failed', lastError: expect.stringMatching(/pending approval/) });
  });

  it("waits at least the mesh's Retry-After on a 429 unless told to retry now", async () => {
    let calls = 0;
    const { outbox, clock } = outboxWith(async () => {
      calls++;
      if (calls === 1) throw new MeshError(429, 'rate_limited', 'slow down', true, 120);
      return { ok: true };
    });
    const queued = await outbox.enqueue(item);
    await outbox.drain();
    const waiting = await outbox.get(queued.id);
    expect(Date.parse(waiting!.nextAttemptAt!) - clock.t).toBeGreaterThanOrEqual(120_000);
    clock.t += 60_000;
    await outbox.drain();
    expect(calls).toBe(1);
    await outbox.drain({ ignoreBackoff: true });
    expect(calls).toBe(2);
    expect((await outbox.get(queued.id))?.state).toBe('sent');
  });

  it('keeps order: nothing after an item waiting to be retried is sent before it', async () => {
    const sent: string[] = [];
    let fail = true;
    const { outbox, clock } = outboxWith(async (i) => {
      if (fail && i.summary === 'first') throw new MeshError(null, 'offline', 'down', true);
      sent.push(i.summary);
      return null;
    });
    await outbox.enqueue({ ...item, summary: 'first' });
    clock.t += 1;
    await outbox.enqueue({ ...item, summary: 'second' });
    await outbox.drain();
    expect(sent).toEqual([]);
    fail = false;
    await outbox.drain({ ignoreBackoff: true });
    expect(sent).toEqual(['first', 'second']);
  });

  it('finds items a previous process left on disk, including one that was being sent', async () => {
    const { dir, outbox } = outboxWith(async () => new Promise(() => undefined));
    const queued = await outbox.enqueue(item);
    void outbox.drain();
    await new Promise((r) => setTimeout(r, 50));
    expect((await outbox.get(queued.id))?.state).toBe('sending');
    const received: string[] = [];
    const restarted = new Outbox({ dir, send: async (i) => received.push(i.idempotencyKey) });
    await restarted.drain({ ignoreBackoff: true });
    expect(received).toEqual([queued.idempotencyKey]);
    expect((await restarted.get(queued.id))?.state).toBe('sent');
  });

  it('forgets the oldest finished items beyond the number it keeps, never a waiting one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-outbox-unit-'));
    const clock = { t: Date.parse('2026-11-24T00:00:00Z') };
    let up = true;
    const outbox = new Outbox({
      dir,
      now: () => clock.t,
      keepFinished: 2,
      send: async () => {
        if (!up) throw new MeshError(null, 'offline', 'down', true);
        return null;
      },
    });
    for (const summary of ['one', 'two', 'three']) {
      await outbox.enqueue({ ...item, summary });
      clock.t += 1000;
      await outbox.drain();
    }
    up = false;
    await outbox.enqueue({ ...item, summary: 'waiting' });
    await outbox.drain();
    await outbox.drain({ ignoreBackoff: true });
    expect((await outbox.items()).map((i) => [i.summary, i.state])).toEqual([
      ['two', 'sent'],
      ['three', 'sent'],
      ['waiting', 'queued'],
    ]);
  });

  describe('against an unreachable mesh (fake clock)', () => {
    const unreachable = () => {
      const attempts: number[] = [];
      const clock = { t: Date.parse('2026-11-24T00:00:00Z') };
      const start = clock.t;
      const made = outboxWith(
        async () => {
          attempts.push(clock.t - start);
          throw new MeshError(null, 'offline', 'connect ECONNREFUSED 127.0.0.1:9', true);
        },
        clock,
        () => 1,
      );
      return { ...made, attempts };
    };

    it('backs off exponentially (500 ms doubling, capped at 30 s) however often it is drained', async () => {
      const { outbox, clock, attempts } = unreachable();
      await outbox.enqueue(item);
      // The 3 s timer, a busy UI and reconnects all drain; here 25 times a second for 64 s.
      for (let ms = 0; ms < 64_000; ms += 40) {
        await outbox.drain();
        clock.t += 40;
      }
      const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
      // random() = 1 is the top of the jitter range: exactly the documented schedule.
      expect(gaps.slice(0, 7).map((g) => Math.ceil(g / 40) * 40)).toEqual([520, 1000, 2000, 4000, 8000, 16000, 30000]);
      expect(attempts).toHaveLength(8);
    });

    it('jitters each wait between half and all of the step', async () => {
      for (const [r, first] of [
        [0, 250],
        [0.5, 375],
      ] as const) {
        const clock = { t: 0 };
        const { outbox } = outboxWith(
          async () => {
            throw new MeshError(null, 'offline', 'down', true);
          },
          clock,
          () => r,
        );
        const queued = await outbox.enqueue(item);
        await outbox.drain();
        expect(Date.parse((await outbox.get(queued.id))!.nextAttemptAt!)).toBe(first);
      }
    });

    it('retries early when the mesh comes back, but at most once a second per item', async () => {
      const { outbox, clock, attempts } = unreachable();
      await outbox.enqueue(item);
      // A flapping "back online" signal, 25 times a second for 10 s.
      for (let ms = 0; ms < 10_000; ms += 40) {
        await outbox.drain({ reconnect: true });
        clock.t += 40;
      }
      // Without the floor: 250 attempts. With plain backoff: 5 (0, 0.5, 1.5, 3.5, 7.5 s).
      const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
      expect(gaps[0]).toBeGreaterThanOrEqual(500);
      expect(gaps.slice(1).every((g) => g >= 1000 && g <= 1040)).toBe(true);
      expect(attempts.length).toBe(11);
    });
  });

  it('cancels a queued item so it is never sent, and refuses to cancel one being sent', async () => {
    const received: string[] = [];
    let up = false;
    const { outbox, clock } = outboxWith(async (i) => {
      if (!up) throw new MeshError(null, 'offline', 'down', true);
      received.push(i.summary);
      return null;
    });
    const first = await outbox.enqueue({ ...item, summary: 'first' });
    clock.t += 1;
    await outbox.enqueue({ ...item, summary: 'second' });
    await outbox.drain();
    expect(await outbox.cancel(first.id)).toMatchObject({ cancelled: true, item: { state: 'cancelled' } });
    up = true;
    await outbox.drain({ ignoreBackoff: true });
    expect(received).toEqual(['second']);
    expect(await outbox.cancel(first.id)).toMatchObject({ cancelled: false });
    expect(await outbox.pending()).toBe(0);

    const hanging = outboxWith(async () => new Promise(() => undefined));
    const busy = await hanging.outbox.enqueue(item);
    void hanging.outbox.drain();
    await new Promise((r) => setTimeout(r, 50));
    expect(await hanging.outbox.cancel(busy.id)).toMatchObject({ cancelled: false, item: { state: 'sending' } });
  });

  it('sends nothing after an item that is still backing off', async () => {
    const sent: string[] = [];
    let fail = true;
    const { outbox, clock } = outboxWith(async (i) => {
      if (fail && i.summary === 'first') throw new MeshError(503, 'unavailable', 'busy', true);
      sent.push(i.summary);
      return null;
    });
    await outbox.enqueue({ ...item, summary: 'first' });
    await outbox.drain();
    clock.t += 1;
    await outbox.enqueue({ ...item, summary: 'second' });
    fail = false;
    await outbox.drain();
    expect(sent).toEqual([]);
    clock.t += 60_000;
    await outbox.drain();
    expect(sent).toEqual(['first', 'second']);
  });
});
