import { describe, expect, it } from 'vitest';
import { audienceNeeds } from './audience-needs';

describe('the audience builder empty state', () => {
  it('names the products an audience reads, whatever is missing', () => {
    for (const state of [true, false, null]) {
      const needs = audienceNeeds(state);
      expect(needs.title).toBe('Audiences need Customer 360 and a saved segment.');
      expect(needs.detail).toContain('come from Customer 360');
      expect(needs.detail).toContain('Web and product events, Conversions or Predictive Churn Scores');
    }
  });

  it('asks for the pull first when Customer 360 is not on this laptop', () => {
    expect(audienceNeeds(false)).toMatchObject({ pullFirst: true, detail: expect.stringMatching(/^Pull Customer 360 in the Catalog, then save a segment/) });
    expect(audienceNeeds(true)).toMatchObject({ pullFirst: false, detail: expect.stringMatching(/^Customer 360 is on this laptop: save a segment/) });
    // While the catalog loads, neither step is claimed.
    expect(audienceNeeds(null)).toMatchObject({ pullFirst: false, detail: expect.stringMatching(/^Save a segment in Segments first/) });
  });
});
