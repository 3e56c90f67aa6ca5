import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TreatmentVariantOutput } from '../../shared/stats/experiment-stats-types';
import { runStats } from './stats-command';

/** Every variant read as a tested treatment: the assertions say which fields are absent. */
type Variant = Required<TreatmentVariantOutput>;
interface Printed {
  kind: string;
  srm: { p_value: number; flag: boolean; counts: Record<string, number> };
  metrics: { name: string; variants: Variant[] }[];
}
interface Printed0 {
  metrics: [{ name: string; variants: [Variant, Variant, Variant] }];
}

/**
 * `meshwork stats` run in-process on GrowthBook gbstats' published cases
 * (packages/stats/tests/frequentist/test_tests.py, tests/bayesian/test_tests.py).
 */
async function stats(input: unknown): Promise<{ code: number; out: Printed & Printed0; err: { code: string; message: string; path?: string } }> {
  let stdout = '';
  let stderr = '';
  const text = typeof input === 'string' ? input : JSON.stringify(input);
  const code = await runStats(['--input', '-'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, async () => text);
  return { code, out: stdout ? JSON.parse(stdout) : undefined, err: stderr ? JSON.parse(stderr).error : undefined };
}

const gbMean = {
  metric: { name: 'revenue', type: 'mean' },
  control: 'control',
  variants: [
    { variant: 'control', n: 3407, sum: 1396.87, sum_squares: 52377.9767 },
    { variant: 'treatment', n: 3461, sum: 2422.7, sum_squares: 134698.29 },
  ],
};

const dir = mkdtempSync(join(tmpdir(), 'meshwork-stats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('meshwork stats', () => {
  it('prints the section 5 result with defaults (frequentist, alpha 0.05) and SRM from the n', async () => {
    const r = await stats(gbMean);
    expect(r.code).toBe(0);
    expect(r.out.kind).toBe('experiment');
    expect(r.out.srm.counts).toEqual({ control: 3407, treatment: 3461 });
    // chi = 2 (3407 - 3434)^2 / 3434 = 0.424578 on 1 df; scipy chi2.sf: 0.5146616284591244
    expect(r.out.srm.p_value).toBeCloseTo(0.5146616284591244, 12);
    expect(r.out.srm.flag).toBe(false);
    const [control, t] = r.out.metrics[0].variants;
    expect(r.out.metrics[0].name).toBe('revenue');
    expect(control).toEqual({ variant: 'control', users: 3407, mean: 1396.87 / 3407 });
    // gbstats test_two_sided_ttest(_absolute): 0.29 (0.04538, 0.53462) p 0.02016; 0.70732 (-0.03526, 1.44989) p 0.06191
    expect(t.diff_ci[0]).toBeCloseTo(0.04538, 5);
    expect(t.diff_ci[1]).toBeCloseTo(0.53462, 5);
    expect(t.p_value).toBeCloseTo(0.02016, 5);
    expect(t.rel_lift).toBeCloseTo(0.70732, 5);
    expect(t.rel_lift_ci[0]).toBeCloseTo(-0.03526, 5);
    expect(t.rel_p_value).toBeCloseTo(0.06191, 5);
    expect(t.chance_to_win).toBeUndefined();
    expect(t.p_value_adjusted).toBeUndefined();
  });

  it('runs the sequential engine with a tuning and the Bayesian engine with a prior', async () => {
    const seq = await stats({ ...gbMean, variants: [{ ...gbMean.variants[0], n: 3000 }, gbMean.variants[1]], engine: 'sequential', sequential_tuning: 1000 });
    // gbstats test_sequential_test_runs: relative ci (-0.55844, 1.56516), p 1
    expect(seq.out.metrics[0].variants[1].rel_lift_ci[0]).toBeCloseTo(-0.55844, 5);
    expect(seq.out.metrics[0].variants[1].rel_lift_ci[1]).toBeCloseTo(1.56516, 5);
    expect(seq.out.metrics[0].variants[1].rel_p_value).toBe(1);
    const norm = {
      metric: { name: 'm', type: 'mean' },
      control: 'a',
      engine: 'bayesian',
      prior: { mean: 0.1, variance: 0.1, proper: true },
      variants: [
        { variant: 'a', n: 10, sum: 100, sum_squares: 1002.25 },
        { variant: 'b', n: 10, sum: 105, sum_squares: 1111.5 },
      ],
    };
    // gbstats test_bayesian_gaussian_ab_test_informative: ci [-0.01893, 0.12019], ctw 0.92315, risk [0.05186, 0.00123]
    const b = (await stats(norm)).out.metrics[0].variants[1];
    expect(b.ci[0]).toBeCloseTo(-0.01893, 5);
    expect(b.ci[1]).toBeCloseTo(0.12019, 5);
    expect(b.chance_to_win).toBeCloseTo(0.92315, 5);
    expect(b.risk[0]).toBeCloseTo(0.05186, 5);
    expect(b.risk[1]).toBeCloseTo(0.00123, 5);
    const inverse = (await stats({ ...norm, inverse: true })).out.metrics[0].variants[1];
    expect(inverse.chance_to_win).toBeCloseTo(1 - 0.92315, 5);
    expect(inverse.risk).toEqual([b.risk[1], b.risk[0]]);
    const onMetric = (await stats({ ...norm, metric: { ...norm.metric, inverse: true } })).out.metrics[0].variants[1];
    expect(onMetric).toEqual(inverse);
  });

  it('adjusts p-values across the variants with a correction', async () => {
    const three = {
      ...gbMean,
      correction: 'holm',
      variants: [...gbMean.variants, { variant: 'b', n: 3400, sum: 1400, sum_squares: 52000 }],
    };
    const r = await stats(three);
    const [, t, b] = r.out.metrics[0].variants;
    const low = Math.min(t.p_value, b.p_value);
    const high = Math.max(t.p_value, b.p_value);
    expect(Math.min(t.p_value_adjusted, b.p_value_adjusted)).toBeCloseTo(2 * low, 12);
    expect(Math.max(t.p_value_adjusted, b.p_value_adjusted)).toBeCloseTo(Math.max(2 * low, high), 12);
    expect(t.significant).toBe(t.p_value_adjusted <= 0.05);
  });

  it('takes a proportion without sum_squares (it equals sum) but requires it for a mean', async () => {
    const prop = (extra: object) => ({
      metric: { name: 'cr', type: 'proportion' },
      control: 'control',
      variants: [
        { variant: 'control', n: 28, sum: 14, ...extra },
        { variant: 'treatment', n: 30, sum: 16, ...extra },
      ],
    });
    const r = await stats(prop({}));
    // gbstats test_two_sided_ttest_binom: relative ci (-0.47767, 0.61101), p 0.80707
    expect(r.out.metrics[0].variants[1].rel_lift_ci[0]).toBeCloseTo(-0.47767, 5);
    expect(r.out.metrics[0].variants[1].rel_p_value).toBeCloseTo(0.80707, 5);
    expect((await stats(prop({ sum_squares: 14 }))).code).toBe(2);
    const mean = await stats({ ...gbMean, variants: gbMean.variants.map(({ sum_squares: _, ...v }) => v) });
    expect(mean.code).toBe(2);
    expect(mean.err.path).toBe('variants[0].sum_squares');
  });

  it('reports untestable variants with an error and still prints the rest', async () => {
    const r = await stats({ ...gbMean, variants: [...gbMean.variants, { variant: 'tiny', n: 1, sum: 0, sum_squares: 0 }] });
    expect(r.code).toBe(0);
    expect(r.out.metrics[0].variants[2]).toEqual({ variant: 'tiny', users: 1, mean: 0, error: 'fewer than 2 users in tiny' });
    expect(r.out.srm.flag).toBe(true);
  });

  it('exits 2 naming the field for unknown, missing, out-of-range and inconsistent input', async () => {
    const bad = async (input: unknown) => {
      const r = await stats(input);
      expect(r.code).toBe(2);
      expect(r.out).toBeUndefined();
      return r.err;
    };
    expect(await bad({ ...gbMean, colour: 'red' })).toMatchObject({ code: 'invalid_input', path: 'colour' });
    expect((await bad({ ...gbMean, colour: 'red' })).message).toContain('colour');
    expect(await bad({ ...gbMean, variants: [{ ...gbMean.variants[0], extra: 1 }, gbMean.variants[1]] })).toMatchObject({ path: 'variants[0].extra' });
    expect(await bad({ ...gbMean, control: 'nobody' })).toMatchObject({ path: 'control' });
    expect(await bad({ ...gbMean, alpha: 1.5 })).toMatchObject({ path: 'alpha' });
    expect(await bad({ ...gbMean, engine: 'magic' })).toMatchObject({ path: 'engine' });
    expect(await bad({ ...gbMean, variants: [{ ...gbMean.variants[0], n: 2.5 }, gbMean.variants[1]] })).toMatchObject({ path: 'variants[0].n' });
    expect(await bad({ ...gbMean, variants: [{ ...gbMean.variants[0], n: -1 }, gbMean.variants[1]] })).toMatchObject({ path: 'variants[0].n' });
    expect(await bad({ ...gbMean, variants: [{ ...gbMean.variants[0], sum: 1e200 }, gbMean.variants[1]] })).toMatchObject({ path: 'variants[0].sum' });
    // gbstats' missing-variance case (n = 2 with these sums) is impossible data: sum_squares < sum^2 / n
    expect(await bad({ ...gbMean, variants: [{ ...gbMean.variants[0], n: 2 }, gbMean.variants[1]] })).toMatchObject({ path: 'variants[0].sum_squares' });
    expect(await bad({ ...gbMean, variants: [gbMean.variants[0], gbMean.variants[0]] })).toMatchObject({ path: 'variants[1].variant' });
    expect(await bad({ ...gbMean, cuped: true })).toMatchObject({ path: 'variants[0].pre_sum' });
    expect(await bad({ ...gbMean, metric: { name: 'aov', type: 'ratio' } })).toMatchObject({ path: 'variants[0].den_sum' });
    const prop = {
      metric: { name: 'cr', type: 'proportion' },
      control: 'a',
      variants: [
        { variant: 'a', n: 10, sum: 11, sum_squares: 11 },
        { variant: 'b', n: 10, sum: 2, sum_squares: 2 },
      ],
    };
    expect(await bad(prop)).toMatchObject({ path: 'variants[0].sum' });
    expect(await bad({ ...prop, variants: [{ variant: 'a', n: 10, sum: 3, sum_squares: 4 }, prop.variants[1]] })).toMatchObject({
      path: 'variants[0].sum_squares',
    });
    expect(await bad({ ...gbMean, variants: [] })).toMatchObject({ path: 'variants' });
    expect(await bad({ ...gbMean, expected_split: { control: 1 } })).toMatchObject({ path: 'expected_split.treatment' });
    expect(await bad('{"metric":')).toMatchObject({ code: 'invalid_json' });
    // a ratio metric: CUPED with some of its pre-period fields is refused; with none it runs without CUPED
    const ratioArm = (variant: string, k: number) => ({
      variant,
      n: 4,
      sum: 10 * k,
      sum_squares: 30 * k * k,
      den_sum: 4,
      den_sum_squares: 6,
      num_den_sum_product: 11 * k,
    });
    const ratio = { metric: { name: 'aov', type: 'ratio' }, control: 'a', cuped: true, variants: [ratioArm('a', 1), ratioArm('b', 2)] };
    expect(await bad({ ...ratio, variants: [{ ...ratioArm('a', 1), pre_sum: 3 }, ratioArm('b', 2)] })).toMatchObject({ path: 'variants[0].pre_sum_squares' });
    expect((await stats(ratio)).code).toBe(0);
  });

  it('prints its help and refuses a missing --input or an unknown option', async () => {
    const run = async (args: string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await runStats(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, async () => '');
      return { code, stdout, stderr };
    };
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('meshwork stats --input');
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(JSON.parse(none.stderr).error.code).toBe('bad_arguments');
    expect((await run(['--input', '-', '--spec', 'x'])).code).toBe(2);
  });

  it('runs as a real process reading a file and stdin', () => {
    const file = join(dir, 'input.json');
    writeFileSync(file, JSON.stringify(gbMean));
    const fromFile = spawnSync('npx', ['tsx', 'main/cli/meshwork.ts', 'stats', '--input', file], { encoding: 'utf8' });
    expect(fromFile.status).toBe(0);
    expect(JSON.parse(fromFile.stdout).metrics[0].variants[1].p_value).toBeCloseTo(0.02016, 5);
    const bad = spawnSync('npx', ['tsx', 'main/cli/meshwork.ts', 'stats', '--input', '-'], { encoding: 'utf8', input: '{"metric":{}}' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(JSON.parse(bad.stderr).error.code).toBe('invalid_input');
    const missing = spawnSync('npx', ['tsx', 'main/cli/meshwork.ts', 'stats', '--input', join(dir, 'nope.json')], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(JSON.parse(missing.stderr).error.code).toBe('input_not_found');
  }, 60_000);
});
