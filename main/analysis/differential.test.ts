/**
 * Differential test on realistic data: the generator's 2,000-customer mesh, analysed by the
 * engine's SQL and by a plain TypeScript reading of SPEC sections 4 and 5 over the raw rows.
 * The two must agree exactly (counts, members) and to 1e-9 (statistics).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../fixtures/generator/generate';
import { runExperiment, type TreatmentVariantResult } from '../../shared/analysis/experiment/run-experiment';
import { runSegment } from '../../shared/analysis/segment/run-segment';
import type { RuleNode, Scalar } from '../../shared/specs/segment-rule';
import { parseExperimentSpec } from '../../shared/specs/experiment-spec';
import { parseSegmentSpec } from '../../shared/specs/segment-spec';
import { testMetric } from '../../shared/stats/experiment-stats';
import { DuckDbEngine } from '../engine/duckdb-engine';
import { loadProducts } from '../engine/load-products';

type Customer = Record<string, unknown> & { customer_id: string };
type Behaviour = Record<string, unknown> & {
  customer_id: string;
  t: number;
  name: string;
  revenue: number;
};

let dir: string;
let db: DuckDbEngine;
let customers: Customer[];
let events: Behaviour[];
let conversions: Behaviour[];
const AS_OF = '2026-09-15T12:00:00Z';
const asOfMs = Date.parse(AS_OF);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'meshwork-diff-'));
  await generateDataset({ outDir: dir, customers: 2000, seed: 7 });
  db = await DuckDbEngine.open();
  await loadProducts(db, dir, { as: 'table' });
  customers = await db.all<Customer>('SELECT * FROM customers');
  events = await db.all<Behaviour>('SELECT customer_id, epoch_ms(occurred_at) AS t, event_name AS name, 0 AS revenue FROM events');
  conversions = await db.all<Behaviour>('SELECT customer_id, epoch_ms(occurred_at) AS t, conversion_type AS name, revenue FROM conversions');
}, 120_000);
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** SPEC section 4, read literally, one customer at a time. */
function holds(node: RuleNode, c: Customer): boolean {
  if ('all' in node) return node.all.every((n) => holds(n, c));
  if ('any' in node) return node.any.some((n) => holds(n, c));
  if ('not' in node) return !holds(node.not, c);
  if ('consent' in node) return c[`consent_${node.consent}`] === true;
  if ('event' in node || 'conversion' in node) {
    const [rows, name] = 'event' in node ? [events, node.event] : [conversions, node.conversion];
    const from = node.within_days === undefined ? -Infinity : asOfMs - node.within_days * 86_400_000;
    const n = rows.filter((r) => r.customer_id === c.customer_id && r.name === name && r.t >= from && r.t <= asOfMs).length;
    return n >= node.min_count && (node.max_count === undefined || n <= node.max_count);
  }
  const raw = c[node.attribute];
  if (node.op === 'is_null') return raw === null;
  if (node.op === 'is_not_null') return raw !== null;
  if (raw === null) return false;
  const norm = (v: unknown): number | string | boolean =>
    typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v) : (v as number | string | boolean);
  const x = norm(raw);
  const v = 'value' in node ? node.value : null;
  const cmp = (a: Scalar): number => {
    const b = norm(a);
    return x < b ? -1 : x > b ? 1 : 0;
  };
  switch (node.op) {
    case '=':
      return cmp(v as Scalar) === 0;
    case '!=':
      return cmp(v as Scalar) !== 0;
    case '<':
      return cmp(v as Scalar) < 0;
    case '<=':
      return cmp(v as Scalar) <= 0;
    case '>':
      return cmp(v as Scalar) > 0;
    case '>=':
      return cmp(v as Scalar) >= 0;
    case 'in':
      return (v as Scalar[]).some((a) => cmp(a) === 0);
    case 'not_in':
      return (v as Scalar[]).every((a) => cmp(a) !== 0);
    case 'between':
      return cmp((v as Scalar[])[0] as Scalar) >= 0 && cmp((v as Scalar[])[1] as Scalar) <= 0;
    case 'contains':
      return String(raw).includes(v as string);
    case 'starts_with':
      return String(raw).startsWith(v as string);
  }
}

const RULES: unknown[] = [
  { all: [{ attribute: 'country', op: 'in', value: ['US', 'CA', 'GB'] }, { consent: 'ads' }] },
  {
    any: [
      { attribute: 'ltv', op: '>=', value: 300 },
      { event: 'add_to_cart', min_count: 2, within_days: 45 },
    ],
  },
  { not: { conversion: 'purchase', within_days: 60 } },
  {
    all: [
      { attribute: 'lifecycle_stage', op: 'not_in', value: ['churned', 'lead'] },
      { attribute: 'phone', op: 'is_not_null' },
    ],
  },
  {
    all: [
      { attribute: 'signup_at', op: 'between', value: ['2025-06-01', '2026-03-31T23:59:59Z'] },
      { attribute: 'email', op: 'contains', value: '_' },
    ],
  },
  { conversion: 'purchase', min_count: 0, max_count: 1 },
  { event: 'add_to_cart', min_count: 1, max_count: 3 },
  { not: { all: [{ attribute: 'country', op: '!=', value: 'US' }, { consent: 'email' }] } },
];

describe('engine against a literal reading of the SPEC', () => {
  it.each(RULES.map((rule, i) => [i, rule]))('segment rule %i gives the same members', async (_i, rule) => {
    const spec = parseSegmentSpec({ kind: 'segment', as_of: AS_OF, include_members: true, rule });
    const result = await runSegment(db, spec);
    const expected = customers
      .filter((c) => holds(spec.rule, c))
      .map((c) => c.customer_id)
      .sort();
    expect(result.members).toEqual(expected);
    expect(result.count).toBeGreaterThan(0);
  });

  it.each([false, true])('experiment statistics agree (cuped %s)', async (cuped) => {
    const spec = parseExperimentSpec({
      kind: 'experiment',
      experiment_id: 'exp_checkout_v2',
      control: 'control',
      window_days: 21,
      cuped,
      metrics: [
        { name: 'rate', type: 'proportion', conversion_type: 'purchase' },
        { name: 'rev', type: 'mean', conversion_type: 'purchase' },
      ],
    });
    const result = await runExperiment(db, spec);
    const assignments = await db.all<{ customer_id: string; variant: string; a: number }>(
      "SELECT customer_id, variant, epoch_ms(assigned_at) AS a FROM experiment_assignments WHERE experiment_id = 'exp_checkout_v2'",
    );
    const byCustomer = new Map<string, Behaviour[]>();
    for (const c of conversions) if (c.name === 'purchase') byCustomer.set(c.customer_id, [...(byCustomer.get(c.customer_id) ?? []), c]);
    const w = 21 * 86_400_000;
    spec.metrics.forEach((m, mi) => {
      const value = (rows: Behaviour[]): number => (m.type === 'proportion' ? (rows.length > 0 ? 1 : 0) : rows.reduce((s, r) => s + r.revenue, 0));
      const users = assignments.map((u) => {
        const rows = byCustomer.get(u.customer_id) ?? [];
        return { variant: u.variant, y: value(rows.filter((r) => r.t >= u.a && r.t < u.a + w)), x: value(rows.filter((r) => r.t >= u.a - w && r.t < u.a)) };
      });
      // The sufficient statistics of the SPEC contract, summed user by user, fed through the statistics.
      const sums = (variant: string) => {
        const us = users.filter((u) => u.variant === variant);
        const total = (f: (u: { x: number; y: number }) => number) => us.reduce((s, u) => s + f(u), 0);
        return {
          variant,
          n: us.length,
          sum: total((u) => u.y),
          sum_squares: total((u) => u.y * u.y),
          ...(cuped ? { pre_sum: total((u) => u.x), pre_sum_squares: total((u) => u.x * u.x), sum_product: total((u) => u.x * u.y) } : {}),
        };
      };
      const expected = testMetric({
        metric: { name: m.name, type: m.type, inverse: false },
        control: 'control',
        variants: [sums('control'), sums('treatment')],
        alpha: 0.05,
        cuped,
        engine: 'frequentist',
        sequential_tuning: 5000,
        prior: { mean: 0, variance: 0.09, proper: false },
      }).variants[1] as TreatmentVariantResult;
      const got = result.metrics[mi]?.variants[1] as TreatmentVariantResult;
      expect(got.users).toBe(expected.users);
      expect(got.mean).toBeCloseTo(expected.mean, 9);
      expect(got.diff).toBeCloseTo(expected.diff as number, 9);
      expect(got.p_value).toBeCloseTo(expected.p_value as number, 9);
      expect(got.diff_ci?.[0]).toBeCloseTo(expected.diff_ci?.[0] as number, 9);
      expect(got.rel_lift_ci?.[1]).toBeCloseTo(expected.rel_lift_ci?.[1] as number, 9);
    });
  });
});
