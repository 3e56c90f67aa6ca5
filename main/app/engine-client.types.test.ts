import { describe, expect, it } from 'vitest';
import type { AppEngine } from './app-services';

/**
 * Type-level checks of the engine client: each `@ts-expect-error` line must fail to compile
 * (tsc reports an unused directive otherwise), so a misspelled method or wrong params can never
 * reach the engine process. The calls never run.
 */
function typeChecks(engine: AppEngine): void {
  // @ts-expect-error: no such method (the generic `sql` method is gone)
  void engine.call('sql', { sql: 'SELECT 1' });
  // @ts-expect-error: misspelled method name
  void engine.call('segments.cuont', { rule: {} });
  // @ts-expect-error: params of another method
  void engine.call('segments.count', { withRegistry: true });
  // @ts-expect-error: wrong param type
  void engine.call('experiments.list', { withRegistry: 'yes' });
  // @ts-expect-error: a required param is missing
  void engine.call('attribution.paths', { conversion_type: 'purchase', lookback_days: 30, interactions: [] });
  // Results are typed too: a count is a number.
  void engine.call('segments.count', { rule: {} }).then((r) => {
    const n: number = r.count;
    // @ts-expect-error: the result has no such field
    void r.total;
    return n;
  });
}

describe('typed engine client', () => {
  it('is checked at compile time (see the @ts-expect-error lines)', () => {
    expect(typeof typeChecks).toBe('function');
  });
});
