/**
 * Bad input through `meshwork analyze` exits 2 (spec, arguments) or 3 (data), never 1 and never
 * a wrong number: each input here used to crash with an int64 overflow, a conversion error or
 * a stack overflow (exit 1), or ran with a typo silently ignored.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../engine/duckdb-engine';
import { runAnalyze } from './analyze-command';

let dir: string;
let badTypes: string;
const q = (p: string): string => p.replaceAll("'", "''");

// customers: c_1 ltv 10, c_2 ltv 20, c_3 ltv NULL. events: c_1 'view' twice, c_3 once.
// touchpoints/conversions: c_1 clicks search then social, converts once (revenue 50).
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'meshwork-hardening-'));
  badTypes = join(dir, 'bad');
  mkdirSync(badTypes);
  const db = await DuckDbEngine.open();
  await db.run(`COPY (SELECT * FROM (VALUES ('c_1', 'ann@x.io', 'US', 10.0, TIMESTAMP '2026-01-01', 'lead', true, true, true),
    ('c_2', 'bob@x.io', 'CA', 20.0, TIMESTAMP '2026-01-01', 'lead', true, false, true),
    ('c_3', 'cy@x.io', 'US', NULL, TIMESTAMP '2026-01-01', 'lead', true, false, true))
    t(customer_id, email, country, ltv, signup_at, lifecycle_stage, consent_email, consent_ads, consent_analytics))
    TO '${q(join(dir, 'customers.parquet'))}' (FORMAT parquet)`);
  await db.run(`COPY (SELECT * FROM (VALUES ('e1', 'c_1', TIMESTAMP '2026-06-01', 'view'), ('e2', 'c_3', TIMESTAMP '2026-06-02', 'view'), ('e3', 'c_1', TIMESTAMP '2026-06-03', 'view'))
    t(event_id, customer_id, occurred_at, event_name)) TO '${q(join(dir, 'events.parquet'))}' (FORMAT parquet)`);
  await db.run(`COPY (SELECT * FROM (VALUES ('t1', 'c_1', TIMESTAMP '2026-06-01', 'search', 'click'), ('t2', 'c_1', TIMESTAMP '2026-06-02', 'social', 'click'))
    t(touchpoint_id, customer_id, occurred_at, channel, interaction)) TO '${q(join(dir, 'touchpoints.parquet'))}' (FORMAT parquet)`);
  await db.run(`COPY (SELECT * FROM (VALUES ('v1', 'c_1', TIMESTAMP '2026-06-03', 'purchase', 50.0))
    t(conversion_id, customer_id, occurred_at, conversion_type, revenue)) TO '${q(join(dir, 'conversions.parquet'))}' (FORMAT parquet)`);
  await db.run(`COPY (SELECT * FROM (VALUES (DATE '2026-06-01', 'search', 10.0, 100, 5)) t("date", channel, spend, impressions, clicks))
    TO '${q(join(dir, 'campaign_performance.parquet'))}' (FORMAT parquet)`);
  // The same events with occurred_at written as text.
  await db.run(`COPY (SELECT event_id, customer_id, CAST(occurred_at AS VARCHAR) AS occurred_at, event_name FROM '${q(join(dir, 'events.parquet'))}')
    TO '${q(join(badTypes, 'events.parquet'))}' (FORMAT parquet)`);
  await db.run(`COPY (SELECT * FROM '${q(join(dir, 'customers.parquet'))}') TO '${q(join(badTypes, 'customers.parquet'))}' (FORMAT parquet)`);
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function analyze(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runAnalyze(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

async function cli(spec: unknown, data = dir): Promise<Run> {
  const specFile = join(dir, `spec-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(specFile, typeof spec === 'string' ? spec : JSON.stringify(spec));
  return analyze(['--data', data, '--spec', specFile]);
}

function error(r: Run): { code: string; message: string; path?: string } {
  expect(r.stdout).toBe('');
  return (JSON.parse(r.stderr) as { error: { code: string; message: string; path?: string } }).error;
}

const AS_OF = '2026-06-30T00:00:00Z';

describe('numbers beyond int64', () => {
  it('compares ltv < 9.3e18 as a double: everyone with an ltv', async () => {
    const r = await cli({ kind: 'segment', as_of: AS_OF, include_members: true, rule: { attribute: 'ltv', op: '<', value: 9.3e18 } });
    expect(r).toEqual({ code: 0, stdout: '{"kind":"segment","count":2,"members":["c_1","c_2"]}\n', stderr: '' });
  });

  it('refuses half_life_days: 1e308 at its path with exit 2', async () => {
    const r = await cli({ kind: 'attribution', conversion_type: 'purchase', models: [{ model: 'time_decay', half_life_days: 1e308 }] });
    expect(r.code).toBe(2);
    expect(error(r)).toEqual({ code: 'invalid_spec', message: 'models[0].half_life_days must be at most 36500 (100 years)', path: 'models[0].half_life_days' });
  });

  it('refuses within_days: 1e12 with exit 2', async () => {
    const r = await cli({ kind: 'segment', as_of: AS_OF, rule: { event: 'view', within_days: 1e12 } });
    expect(r.code).toBe(2);
    expect(error(r)).toMatchObject({ code: 'invalid_spec', path: 'rule.within_days', message: 'rule.within_days must be <= 36500' });
  });

  it('still runs the largest allowed window', async () => {
    const r = await cli({ kind: 'segment', as_of: AS_OF, rule: { event: 'view', min_count: 2, within_days: 36500 } });
    expect(r).toEqual({ code: 0, stdout: '{"kind":"segment","count":1}\n', stderr: '' });
  });
});

describe('nesting and size', () => {
  function nested(levels: number): unknown {
    let rule: unknown = { attribute: 'country', op: '=', value: 'US' };
    for (let i = 0; i < levels; i++) rule = { all: [rule] };
    return rule;
  }

  it('refuses 1,000 and 100,000 levels of nesting with exit 2', async () => {
    for (const levels of [1000, 100_000]) {
      // Written as text: JSON.stringify itself overflows the stack on 100,000 levels.
      const rule = `${'{"all":['.repeat(levels)}{"attribute":"country","op":"=","value":"US"}${']}'.repeat(levels)}`;
      const r = await cli(`{"kind":"segment","as_of":"${AS_OF}","rule":${rule}}`);
      expect(r.code).toBe(2);
      expect(error(r).message).toMatch(levels === 1000 ? /^rule(\.all\[0\])+\.all is nested more than 64 levels deep/ : /larger than 256 KB/);
    }
  });

  it('runs 20 levels, refuses 21 naming the group', async () => {
    expect((await cli({ kind: 'segment', as_of: AS_OF, rule: nested(20) })).stdout).toBe('{"kind":"segment","count":2}\n');
    const r = await cli({ kind: 'segment', as_of: AS_OF, rule: nested(21) });
    expect(r.code).toBe(2);
    expect(error(r).message).toMatch(/^rule(\.all\[0\]){21} is nested more than 20 groups deep/);
  });

  it('limits conditions, in-list values and the spec size', async () => {
    const many = { kind: 'segment', as_of: AS_OF, rule: { any: Array.from({ length: 201 }, () => ({ attribute: 'country', op: '=', value: 'US' })) } };
    const r1 = await cli(many);
    expect(r1.code).toBe(2);
    expect(error(r1)).toMatchObject({ path: 'rule.any[200]', message: expect.stringContaining('at most 200 conditions') });
    const r2 = await cli({ kind: 'segment', as_of: AS_OF, rule: { attribute: 'country', op: 'in', value: Array.from({ length: 1001 }, (_, i) => `c${i}`) } });
    expect(r2.code).toBe(2);
    expect(error(r2)).toMatchObject({ path: 'rule.value', message: 'rule.value must have at most 1000 values' });
    const r3 = await cli({ kind: 'segment', as_of: AS_OF, rule: { all: [] }, pad: 'x'.repeat(300_000) });
    expect(r3.code).toBe(2);
    expect(error(r3).message).toContain('larger than 256 KB');
  });
});

describe('dates', () => {
  it('refuses --from 2026-13-01 and --from after --to with exit 2 instead of zero rows', async () => {
    const r1 = await analyze(['--data', dir, '--metrics', 'spend', '--from', '2026-13-01']);
    expect(r1.code).toBe(2);
    expect(error(r1)).toMatchObject({ code: 'bad_arguments', message: '--from: from must be a real calendar date like 2026-06-30' });
    const r2 = await analyze(['--data', dir, '--metrics', 'spend', '--from', '2026-06-30', '--to', '2026-06-01']);
    expect(r2.code).toBe(2);
    expect(error(r2).message).toBe('--from: from must not be after to');
    const ok = await analyze(['--data', dir, '--metrics', 'spend', '--from', '2026-06-01', '--to', '2026-06-01']);
    expect(ok).toEqual({ code: 0, stdout: '{"rows":[{"spend":10}]}\n', stderr: '' });
  });

  it('refuses as_of with a +99:00 offset', async () => {
    const r = await cli({ kind: 'segment', as_of: '2026-06-30T00:00:00+99:00', rule: { all: [] } });
    expect(r.code).toBe(2);
    expect(error(r).path).toBe('as_of');
    // The widest real offset still works: 2026-06-30T14:00+14:00 is midnight UTC.
    expect((await cli({ kind: 'segment', as_of: '2026-06-30T14:00:00+14:00', rule: { event: 'view', min_count: 2 } })).stdout).toBe(
      '{"kind":"segment","count":1}\n',
    );
  });
});

describe('unknown fields', () => {
  it('names the unknown field and the nearest valid one', async () => {
    const r1 = await cli({ kind: 'segment', as_of: AS_OF, rule: { event: 'view', min_cnt: 2 } });
    expect(r1.code).toBe(2);
    expect(error(r1)).toEqual({
      code: 'invalid_spec',
      message: 'rule has unknown field "min_cnt" (did you mean "min_count"?); allowed: event, min_count, max_count, within_days',
      path: 'rule',
    });
    const r2 = await cli({ kind: 'segment', as_of: AS_OF, include_membres: true, rule: { all: [] } });
    expect(r2.code).toBe(2);
    expect(error(r2)).toMatchObject({ path: '', message: expect.stringContaining('"include_membres" (did you mean "include_members"?)') });
    const r3 = await cli({ kind: 'segment', as_of: AS_OF, rule: { all: [{ attribute: 'country', op: '=', valeu: 'US' }] } });
    expect(error(r3)).toMatchObject({ path: 'rule.all[0]', message: expect.stringContaining('did you mean "value"?') });
    const r4 = await cli({ kind: 'attribution', conversion_type: 'purchase', models: [{ model: 'time_decay', half_life: 3 }] });
    expect(error(r4)).toMatchObject({ path: 'models[0]', message: expect.stringContaining('did you mean "half_life_days"?') });
  });
});

describe('columns of the wrong type', () => {
  it('exits 3 naming occurred_at when it arrives as VARCHAR', async () => {
    const r = await cli({ kind: 'segment', as_of: AS_OF, rule: { event: 'view' } }, badTypes);
    expect(r.code).toBe(3);
    const e = error(r);
    expect(e.code).toBe('unreadable_data');
    expect(e.message).toContain("'events' has column occurred_at as VARCHAR");
  });
});

describe('unknown fields in experiment specs', () => {
  it('are refused too, naming the nearest valid field', async () => {
    const base = { kind: 'experiment', experiment_id: 'x', control: 'c', metrics: [{ name: 'm', type: 'mean', conversion_type: 'purchase' }] };
    const r1 = await cli({ ...base, window_dyas: 14 });
    expect(r1.code).toBe(2);
    expect(error(r1)).toMatchObject({ code: 'invalid_spec', path: '', message: expect.stringContaining('"window_dyas" (did you mean "window_days"?)') });
    const r2 = await cli({ ...base, metrics: [{ name: 'm', type: 'mean', conversion_typ: 'purchase', conversion_type: 'purchase' }] });
    expect(error(r2)).toMatchObject({ path: 'metrics[0]', message: expect.stringContaining('"conversion_typ" (did you mean "conversion_type"?)') });
  });
});
