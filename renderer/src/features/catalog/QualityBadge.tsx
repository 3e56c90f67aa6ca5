import type { CatalogEntry } from '../../../../shared/ipc/catalog-contract';

/** The installed version's quality check: passed, n warnings, or failed (nothing when never checked). */
export function QualityBadge({ entry }: { entry: CatalogEntry }) {
  const q = entry.quality;
  if (!q || q.status === 'unchecked') return null;
  const [label, cls] =
    q.status === 'failed'
      ? [`Quality failed (${q.failedErrors})`, 'badge-bad']
      : q.status === 'warnings'
        ? [`${q.warnings} quality warning${q.warnings === 1 ? '' : 's'}`, 'badge-warn']
        : ['Quality passed', 'badge-good'];
  return (
    <span className={`badge ${cls}`} title={`${q.checked} contract quality rules checked on the version on this laptop`} data-testid={`quality-${entry.id}`}>
      {label}
    </span>
  );
}
