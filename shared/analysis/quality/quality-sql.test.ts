import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../main/engine/duckdb-engine';
import { raw } from '../sql';
import { toCheck, type QualityCheck } from '../../contracts/quality-rules';
import type { QualityRule } from '../../contracts/odcs';
import { runQualityChecks } from './quality-sql';

let dir: string;
let db: DuckDbEngine;
let file: string;
let empty: string;

/*
 * Six rows with known answers:
 * id:    a, b, b, c, NULL, c    -> 1 NULL, duplicates 5 non-null - 3 distinct = 2
 * stage: lead, mql, bogus, NULL, 'N/A', lead -> invalid vs {lead,mql}: bogus and N/A = 2
 * ltv:   10, -1, 50, 200, NULL, 100 -> outside [0,100]: -1 and 200 = 2 (33.33% of 6 rows)
 * at:    newest 2026-06-01 00:00 UTC
 */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mw-quality-'));
  db = await DuckDbEngine.open(':memory:');
  file = join(dir, 'part-0.parquet');
  empty = join(dir, 'empty.parquet');
  await db.run(`COPY (SELECT * FROM (VALUES
      ('a', 'lead', 10.0, TIMESTAMP '2026-05-30 00:00:00', 1),
      ('b', 'mql', -1.0, TIMESTAMP '2026-05-31 00:00:00', 2),
      ('b', 'bogus', 50.0, NULL, 2),
      ('c', NULL, 200.0, TIMESTAMP '2026-06-01 00:00:00', 3),
      (NULL, 'N/A', NULL, TIMESTAMP '2026-05-01 00:00:00', 3),
      ('c', 'lead', 100.0, TIMESTAMP '2026-05-29 00:00:00', 1)
    ) t(id, stage, ltv, seen_at, n)) TO '${file}' (FORMAT parquet)`);
  await db.run(`COPY (SELECT 'x'::VARCHAR AS id, TIMESTAMP '2026-01-01' AS seen_at WHERE false) TO '${empty}' (FORMAT parquet)`);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const now = new Date('2026-06-02T12:00:00Z');
const check = (rule: QualityRule, column: string | null): QualityCheck => {
  const c = toCheck(rule, column, 0).check;
  if (!c) throw new Error('not runnable');
  return c;
};
const run = (checks: QualityCheck[], path = file) => runQualityChecks(db, raw(`read_parquet('${path}')`), checks, now);

describe('runQualityChecks on known data', () => {
  it('measures every metric in one scan', async () => {
    const results = await run([
      check({ metric: 'rowCount', mustBeGreaterThan: 0 }, null),
      check({ metric: 'nullValues', mustBe: 0 }, 'id'),
      check({ metric: 'duplicateValues', mustBe: 0 }, 'id'),
      check({ metric: 'invalidValues', arguments: { validValues: ['lead', 'mql'] }, mustBe: 0 }, 'stage'),
      check({ metric: 'invalidValues', arguments: { minimum: 0, maximum: 100 }, mustBe: 0 }, 'ltv'),
      check({ metric: 'missingValues', arguments: { missingValues: [null, 'N/A'] }, mustBeLessOrEqualTo: 2 }, 'stage'),
      check({ metric: 'freshness', mustBeLessOrEqualTo: 48 }, 'seen_at'),
      check({ metric: 'invalidValues', arguments: { validValues: [1, 2] }, mustBe: 0 }, 'n'),
    ]);
    expect(results.map((r) => [r.observed, r.passed])).toEqual([
      [6, true],
      [1, false],
      [2, false],
      [2, false],
      [2, false],
      [2, true],
      [36, true],
      [2, false],
    ]);
    expect(results[1]).toMatchObject({ text: 'id is never empty (NULL)', threshold: '= 0', severity: 'error' });
  });

  it('measures percentages of all rows', async () => {
    const [nulls, outside, dups] = await run([
      check({ metric: 'nullValues', unit: 'percent', mustBeLessThan: 20 }, 'ltv'),
      check({ metric: 'invalidValues', unit: 'percent', arguments: { minimum: 0, maximum: 100 }, mustBeLessOrEqualTo: 30 }, 'ltv'),
      check({ metric: 'duplicateValues', unit: 'percent', mustBeLessOrEqualTo: 50 }, 'id'),
    ]);
    expect(nulls?.observed).toBeCloseTo(100 / 6, 10);
    expect(nulls?.passed).toBe(true);
    expect(outside?.observed).toBeCloseTo(200 / 6, 10);
    expect(outside?.passed).toBe(false);
    expect(dups?.observed).toBeCloseTo(200 / 6, 10);
  });

  it('on an empty extract: no rows fails rowCount, counts are 0, freshness cannot be measured', async () => {
    const results = await run(
      [
        check({ metric: 'rowCount', mustBeGreaterThan: 0 }, null),
        check({ metric: 'duplicateValues', mustBe: 0 }, 'id'),
        check({ metric: 'nullValues', unit: 'percent', mustBe: 0 }, 'id'),
        check({ metric: 'freshness', mustBeLessOrEqualTo: 48 }, 'seen_at'),
      ],
      empty,
    );
    expect(results.map((r) => [r.observed, r.passed])).toEqual([
      [0, false],
      [0, true],
      [0, true],
      [null, false],
    ]);
  });

  it('measures freshness in UTC whatever the session time zone, for dates too', async () => {
    await db.run("SET TimeZone = 'America/New_York'");
    try {
      const [ts] = await run([check({ metric: 'freshness', mustBeLessOrEqualTo: 48 }, 'seen_at')]);
      expect(ts?.observed).toBe(36);
      const [day] = await runQualityChecks(
        db,
        raw(`(SELECT CAST(seen_at AS DATE) AS d FROM read_parquet('${file}'))`),
        [check({ metric: 'freshness', mustBeLessThan: 24 }, 'd')],
        now,
      );
      expect(day).toMatchObject({ observed: 36, passed: false, text: 'The newest d is less than 24 hours old', threshold: '< 24 h' });
    } finally {
      await db.run("SET TimeZone = 'UTC'");
    }
  });

  it('binds values: a quote in a valid value is data, not SQL', async () => {
    const [r] = await run([
      check({ metric: 'invalidValues', arguments: { validValues: ["lead'); DROP TABLE x; --", 'lead', 'mql', 'bogus', 'N/A'] }, mustBe: 0 }, 'stage'),
    ]);
    expect(r?.observed).toBe(0);
  });
});
