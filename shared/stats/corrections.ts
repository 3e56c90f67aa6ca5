/**
 * Multiple-testing corrections over a family of p-values, returned in the input order.
 * Holm (1979): sorted ascending, adj_(i) = max over j <= i of min(1, (m - j + 1) p_(j)).
 * Benjamini and Hochberg (1995), step-up: adj_(i) = min over j >= i of min(1, m p_(j) / j).
 * Both are monotone in the sorted order, so deciding adj <= alpha is exactly the step-down
 * (Holm) or step-up (BH) procedure at level alpha. Ties keep their input order (the adjusted
 * values of tied p-values come out equal either way).
 */
function ascendingOrder(pValues: readonly number[]): number[] {
  return pValues.map((_, i) => i).sort((a, b) => (pValues[a] as number) - (pValues[b] as number) || a - b);
}

export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = ascendingOrder(pValues);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * (pValues[index] as number)));
    out[index] = running;
  });
  return out;
}

export function benjaminiHochbergAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = ascendingOrder(pValues);
  const out = new Array<number>(m);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = order[rank] as number;
    running = Math.min(running, Math.min(1, (m * (pValues[index] as number)) / (rank + 1)));
    out[index] = running;
  }
  return out;
}
