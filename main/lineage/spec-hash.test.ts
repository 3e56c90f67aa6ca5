import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../shared/specs/index';
import { specHash } from './spec-hash';

const attribution = { kind: 'attribution', conversion_type: 'purchase', lookback_days: 30, interactions: ['click'], models: [{ model: 'last_touch' }] };

describe('specHash', () => {
  it('matches a run of the Attribution screen (which adds cost) to the saved spec it ran', () => {
    expect(specHash(parseSpec({ ...attribution, cost: true }))).toBe(specHash(parseSpec(attribution)));
  });

  it('tells apart specs that give different answers', () => {
    expect(specHash(parseSpec({ ...attribution, lookback_days: 14 }))).not.toBe(specHash(parseSpec(attribution)));
    expect(specHash(parseSpec({ ...attribution, date_range: { from: '2026-06-01', to: '2026-06-30' } }))).not.toBe(specHash(parseSpec(attribution)));
  });
});
