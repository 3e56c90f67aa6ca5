import type { CatalogEntry } from '../../../../shared/ipc/catalog-contract';

/**
 * The warning lines an analysis shows for the products it reads: one per product whose
 * installed version failed a warning-level quality rule (an error-level failure is never
 * installed). Screens pass the ids their spec reads (main/app/spec-products.ts).
 */
export function qualityWarningLines(entries: readonly CatalogEntry[] | null, productIds: readonly string[]): string[] {
  if (!entries) return [];
  const lines: string[] = [];
  for (const id of productIds) {
    const entry = entries.find((e) => e.id === id);
    const quality = entry?.quality;
    if (!entry || !quality || quality.warnings === 0) continue;
    const n = quality.warnings;
    lines.push(
      `${entry.name} ${entry.cached?.version ?? ''} was installed with ${n} quality warning${n === 1 ? '' : 's'}: check its product page before relying on these numbers.`.replace(
        '  ',
        ' ',
      ),
    );
  }
  return lines;
}
