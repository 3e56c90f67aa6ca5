import { describe, expect, it } from 'vitest';
import { overlapShares } from './overlap-percent';

describe('overlap as shares of the row segment', () => {
  it('divides each row by its own size, so the matrix is not symmetric', () => {
    // A has 200 members, B 50; 40 are in both: 20% of A are in B, 80% of B are in A.
    expect(
      overlapShares([
        [200, 40],
        [40, 50],
      ]),
    ).toEqual([
      [1, 0.2],
      [0.8, 1],
    ]);
  });

  it('gives no share for an empty segment instead of dividing by zero', () => {
    expect(
      overlapShares([
        [0, 0],
        [0, 10],
      ]),
    ).toEqual([
      [null, null],
      [0, 1],
    ]);
  });
});
