import { describe, expect, it } from 'vitest';
import { dashboardViewSchema } from './campaigns-contract';
import type { MeshworkApi } from './contract';

/**
 * The contract carries the real spec, rule and result types: each `@ts-expect-error` line must
 * fail to compile (tsc reports an unused directive otherwise). The calls never run.
 */
function typeChecks(api: MeshworkApi): void {
  // @ts-expect-error: a segment spec needs a rule
  void api.analysis.runSpec({ spec: { kind: 'segment' } });
  // @ts-expect-error: not a spec kind
  void api.analysis.runSpec({ spec: { kind: 'geo_lift', rule: { all: [] } } });
  // @ts-expect-error: a rule node has no such shape
  void api.analysis.segmentCount({ rule: { attribute: 'country', op: 'like', value: 'U%' } });
  void api.analysis.runSpec({ spec: { kind: 'segment', rule: { all: [{ consent: 'email' }] } } }).then(({ result }) => {
    // The result is the SPEC output union: narrowing on kind reaches each kind's fields.
    if (result.kind === 'segment') return result.count;
    // @ts-expect-error: attribution output has no count
    if (result.kind === 'attribution') return result.count;
    return 0;
  });
  void api.analysis.power({ type: 'mean', conversion_type: 'purchase', window_days: 28, as_of: '2026-06-30', alpha: 0.05, power: 0.8 }).then((p) => {
    const mde: number | null = p.mde;
    // @ts-expect-error: power output has no such field
    void p.lift;
    return mde;
  });
}

describe('typed contract', () => {
  it('is checked at compile time (see the @ts-expect-error lines)', () => {
    expect(typeof typeChecks).toBe('function');
  });

  it('restores a saved dashboard view only when it still parses', () => {
    const view = {
      filter: { from: '2026-06-01', to: '2026-06-30', channels: ['search'], platforms: [], campaigns: [] },
      metric: 'roas',
      granularity: 'week',
      level: 'campaign',
      parent: {},
    };
    expect(dashboardViewSchema.safeParse(view).success).toBe(true);
    expect(dashboardViewSchema.safeParse({ ...view, metric: 'profit' }).success).toBe(false);
    expect(dashboardViewSchema.safeParse({ ...view, parent: { campaign: 'k1' } }).success).toBe(false);
    expect(dashboardViewSchema.safeParse(undefined).success).toBe(false);
  });
});
