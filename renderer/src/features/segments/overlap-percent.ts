/**
 * The overlap matrix as shares: `share[i][j]` is the part of segment i's members who are also in
 * segment j (so each row reads "of these people, how many are also there"), null when segment i
 * is empty. The diagonal is 1 for every non-empty segment.
 */
export function overlapShares(matrix: readonly (readonly number[])[]): (number | null)[][] {
  return matrix.map((row, i) => {
    const size = row[i] ?? 0;
    return row.map((both) => (size > 0 ? both / size : null));
  });
}

/** A sequential blue scale, light to dark: readable in both themes and for colour-blind readers. */
export const OVERLAP_SCALE = ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'] as const;
