import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../main/engine/duckdb-engine';
import { loadProducts } from '../../../main/engine/load-products';
import { generateDataset, TEST_CUSTOMERS } from '../../../fixtures/generator/generate';
import { attributionSpecSchema, type AttributionOutput } from '../../specs/attribution-spec';
import { conversionPaths, type PathsSummary } from './conversion-paths';
import { runAttribution } from './run-attribution';
import { sweepAttribution } from './sweep';

/**
 * Pins the cached answers (conversion paths; heuristic credits at lookbacks derived from a
 * longer cache) against the straightforward SQL over the raw tables, on the generator's
 * 2,000-customer mesh. Whatever the caches do to be fast, these answers must not move.
 */
let root: string;
let db: DuckDbEngine;
const INTERACTIONS = ['impression', 'click', 'visit', 'open'];
// Longest first: after the first, each is derived from a longer cache in the warm run.
const LOOKBACKS = [365, 90, 30, 14, 3];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'meshwork-cache-'));
  await generateDataset({ outDir: join(root, 'data'), customers: TEST_CUSTOMERS });
  db = await DuckDbEngine.open(':memory:');
  await loadProducts(db, join(root, 'data'), { as: 'table', only: ['touchpoints', 'conversions'] });
});

afterAll(async () => {
  db.close();
  await rm(root, { recursive: true, force: true });
});

/** Each purchase's path by the raw range join (SPEC section 3), ordered, with its conversion. */
function naivePathsSql(lookback: number): string {
  return `
    SELECT c.conversion_id, c.occurred_at AS c_at, COALESCE(c.revenue, 0) AS revenue, COALESCE(t.channel, '(unknown)') AS channel,
           t.occurred_at, t.touchpoint_id,
           row_number() OVER (PARTITION BY c.conversion_id ORDER BY t.occurred_at, t.touchpoint_id) AS pos,
           count(*) OVER (PARTITION BY c.conversion_id) AS n
    FROM conversions c JOIN touchpoints t
      ON t.customer_id = c.customer_id AND t.occurred_at <= c.occurred_at
     AND t.occurred_at >= c.occurred_at - INTERVAL ${lookback} DAY
     AND t.interaction IN ('impression', 'click', 'visit', 'open')
    WHERE c.conversion_type = 'purchase'`;
}

/** Last, first, linear and position-based (0.4/0.4) credit per channel from the naive paths. */
async function naiveCredits(lookback: number): Promise<Map<string, number[]>> {
  const rows = await db.all<{ channel: string; last: number; first: number; linear: number; position: number; revenue: number }>(`
    SELECT channel,
           sum(CASE WHEN pos = n THEN 1.0 ELSE 0 END) AS last,
           sum(CASE WHEN pos = 1 THEN 1.0 ELSE 0 END) AS first,
           sum(1.0 / n) AS linear,
           sum(CASE WHEN n = 1 THEN 1.0 WHEN n = 2 THEN 0.5 WHEN pos = 1 OR pos = n THEN 0.4 ELSE 0.2 / (n - 2) END) AS position,
           sum(revenue / n) AS revenue
    FROM (${naivePathsSql(lookback)}) GROUP BY channel`);
  return new Map(rows.map((r) => [r.channel, [r.last, r.first, r.linear, r.position, r.revenue]]));
}

function engineCredits(out: AttributionOutput): Map<string, number[]> {
  const [last, first, linear, position] = out.models;
  const map = new Map<string, number[]>();
  for (const [i, row] of (linear?.channels ?? []).entries()) {
    if (row.channel === '(unattributed)') continue;
    map.set(row.channel, [last!.channels[i]!.conversions, first!.channels[i]!.conversions, row.conversions, position!.channels[i]!.conversions, row.revenue]);
  }
  return map;
}

function expectSameCredits(actual: Map<string, number[]>, expected: Map<string, number[]>): void {
  // Channels with no credit at all appear in the engine's list (as 0) but not in the naive GROUP BY.
  for (const [channel, values] of actual) {
    const want = expected.get(channel) ?? [0, 0, 0, 0, 0];
    values.forEach((v, i) => expect(v, `${channel} [${i}]`).toBeCloseTo(want[i]!, 6));
  }
  for (const channel of expected.keys()) expect(actual.has(channel), channel).toBe(true);
}

/** The paths report by the naive SQL: string_agg over the raw join, repeats collapsed, top N by count then name. */
async function naivePaths(lookback: number, top: number): Promise<PathsSummary> {
  const collapse = (source: string, part: string) => `
    SELECT ${part}, string_agg(channel, ' > ' ORDER BY occurred_at, touchpoint_id) AS path FROM (
      SELECT *, lag(channel) OVER (PARTITION BY ${part} ORDER BY occurred_at, touchpoint_id) AS prev FROM (${source}))
    WHERE prev IS NULL OR prev <> channel GROUP BY ${part}`;
  const nonConverting = `
    SELECT t.customer_id, COALESCE(t.channel, '(unknown)') AS channel, t.occurred_at, t.touchpoint_id FROM touchpoints t
    LEFT JOIN (SELECT customer_id, max(occurred_at) AS last_at FROM conversions WHERE conversion_type = 'purchase' GROUP BY 1) l USING (customer_id)
    WHERE t.interaction IN ('impression', 'click', 'visit', 'open') AND t.customer_id IS NOT NULL AND t.occurred_at IS NOT NULL
      AND (l.last_at IS NULL OR t.occurred_at > l.last_at)`;
  const paths = await db.all<{ path: string; conversions: number; non_converting: number }>(`
    WITH cp AS (SELECT path, count(*) AS conversions FROM (${collapse(naivePathsSql(lookback), 'conversion_id')}) GROUP BY path),
         np AS (SELECT path, count(*) AS journeys FROM (${collapse(nonConverting, 'customer_id')}) GROUP BY path)
    SELECT cp.path, cp.conversions, COALESCE(np.journeys, 0) AS non_converting FROM cp LEFT JOIN np USING (path)
    ORDER BY conversions DESC, path LIMIT ${top}`);
  const touches = await db.all<{ touches: number; conversions: number }>(`
    SELECT least(n, 15) AS touches, count(*) AS conversions FROM (SELECT DISTINCT conversion_id, n FROM (${naivePathsSql(lookback)})) GROUP BY 1 ORDER BY 1`);
  const days = await db.all<{ days: number; conversions: number }>(`
    SELECT CAST(floor((epoch_us(c_at) - epoch_us(occurred_at)) / 1e6 / 86400) AS INTEGER) AS days, count(*) AS conversions
    FROM (${naivePathsSql(lookback)}) WHERE pos = 1 GROUP BY 1 ORDER BY 1`);
  return { paths: paths.map((p) => ({ ...p, conversion_rate: p.conversions / (p.conversions + p.non_converting) })), touches, days };
}

const spec = (lookback: number) =>
  attributionSpecSchema.parse({
    kind: 'attribution',
    conversion_type: 'purchase',
    lookback_days: lookback,
    interactions: INTERACTIONS,
    models: [{ model: 'last_touch' }, { model: 'first_touch' }, { model: 'linear' }, { model: 'position_based', first_weight: 0.4, last_weight: 0.4 }],
  });

describe('cached attribution against the naive SQL on the generated mesh', () => {
  it('has enough data to mean something', async () => {
    const [row] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM (${naivePathsSql(30)})`);
    // 2,000 customers give a few thousand (purchase, touch) pairs at 30 days.
    expect(row!.n).toBeGreaterThan(1000);
  });

  it('gives the naive credits at every lookback, in any order of lookbacks (derived or built)', async () => {
    // 30 first (built), then shorter (derived), longer (built or derived), and back again.
    for (const lookback of [30, 14, 3, 365, 90, 30, 14]) {
      const out = await runAttribution(db, spec(lookback), { dataVersion: 'pin-a' });
      expectSameCredits(engineCredits(out), await naiveCredits(lookback));
      const [count] = await db.all<{ n: number }>("SELECT count(*) AS n FROM conversions WHERE conversion_type = 'purchase'");
      expect(out.conversions).toBe(count!.n);
    }
  });

  it('gives the same seven models for a derived lookback as for a fresh build', async () => {
    const seven = (lookback: number) =>
      attributionSpecSchema.parse({
        ...spec(lookback),
        models: [
          { model: 'last_touch' },
          { model: 'first_touch' },
          { model: 'linear' },
          { model: 'position_based' },
          { model: 'time_decay' },
          { model: 'last_non_direct' },
          { model: 'markov', order: 1 },
        ],
      });
    for (const lookback of LOOKBACKS) {
      const warm = await runAttribution(db, seven(lookback), { dataVersion: 'pin-b' });
      const fresh = await runAttribution(db, seven(lookback), { dataVersion: `pin-fresh-${lookback}` });
      expect(warm.models.map((m) => m.channels.map((c) => c.channel))).toEqual(fresh.models.map((m) => m.channels.map((c) => c.channel)));
      warm.models.forEach((m, i) =>
        m.channels.forEach((c, j) => {
          const f = fresh.models[i]!.channels[j]!;
          expect(c.conversions, `${m.model} ${c.channel} @${lookback}`).toBeCloseTo(f.conversions, 6);
          expect(c.revenue, `${m.model} ${c.channel} @${lookback}`).toBeCloseTo(f.revenue, 4);
        }),
      );
    }
  });

  it('sweeps the lookback with the naive credits at each value', async () => {
    const out = await sweepAttribution(db, spec(30), { param: 'lookback_days', values: [1, 7, 60], model: 'linear' }, { dataVersion: 'pin-c' });
    for (const [i, lookback] of [1, 7, 60].entries()) {
      const naive = await naiveCredits(lookback);
      for (const s of out.series) {
        if (s.channel === '(unattributed)') continue;
        expect(s.conversions[i], `${s.channel} @${lookback}`).toBeCloseTo(naive.get(s.channel)?.[2] ?? 0, 6);
      }
    }
  });

  it('reports the naive conversion paths and histograms at every lookback', async () => {
    for (const lookback of [30, 7, 365, 90]) {
      const out = await conversionPaths(db, { conversion_type: 'purchase', lookback_days: lookback, interactions: INTERACTIONS }, 25, { dataVersion: 'pin-d' });
      const naive = await naivePaths(lookback, 25);
      expect(out.paths, `paths @${lookback}`).toEqual(naive.paths);
      expect(out.touches, `touches @${lookback}`).toEqual(naive.touches);
      expect(out.days, `days @${lookback}`).toEqual(naive.days);
    }
  });
});
