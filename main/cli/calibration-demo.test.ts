import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../fixtures/generator/generate';
import { GEO_TESTS } from '../../fixtures/generator/geo-sql';
import { runAnalyze } from './analyze-command';

// The demo's planted paid-social geo test against the demo's attribution (2,000 customers, the
// e2e size): the factors docs/incrementality.md documents. Markov and time decay credit paid
// social about what the test measured (factor near 1); last touch under-credits this upper-funnel
// channel several times over and first touch over-credits it about twofold.
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'meshwork-calib-demo-'));
  await generateDataset({ outDir: dir, customers: 2000 });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the demo geo test calibrates paid social', () => {
  it('gives the documented factors', async () => {
    const planted = GEO_TESTS[0]!;
    const spec = {
      kind: 'calibrated_attribution',
      attribution: {
        kind: 'attribution',
        conversion_type: 'purchase',
        models: [{ model: 'last_touch' }, { model: 'first_touch' }, { model: 'time_decay' }, { model: 'markov' }],
      },
      tests: [
        {
          channel: planted.channel,
          source: 'geo_experiment',
          units: 'share_of_conversions',
          spec: {
            kind: 'geo_experiment',
            metric: 'orders',
            treatment_geos: planted.treatmentGeos,
            pre_period: planted.prePeriod,
            test_period: planted.testPeriod,
          },
        },
      ],
    };
    const file = join(dir, 'spec.json');
    writeFileSync(file, JSON.stringify(spec));
    let stdout = '';
    expect(await runAnalyze(['--data', dir, '--spec', file], { stdout: (t) => (stdout += t), stderr: () => undefined })).toBe(0);
    const out = JSON.parse(stdout) as {
      tests: { channel: string; incremental: number; incremental_ci: [number, number]; age_days: number; stale: boolean; models: { factor: number }[] }[];
    };
    const t = out.tests[0]!;
    expect(t.channel).toBe('paid_social');
    expect(t.incremental_ci[0]).toBeGreaterThan(0);
    expect([t.age_days, t.stale]).toEqual([32, false]);
    const [last, first, decay, markov] = t.models.map((m) => m.factor);
    expect(last).toBeGreaterThan(3);
    expect(first).toBeLessThan(0.6);
    expect(decay).toBeGreaterThan(0.8);
    expect(decay).toBeLessThan(1.5);
    expect(markov).toBeGreaterThan(0.8);
    expect(markov).toBeLessThan(1.4);
  });
});
