import type { CatalogEntry } from '../../../../shared/ipc/catalog-contract';

const LABEL = { fresh: 'Fresh', due: 'Refresh due', stale: 'Stale', unknown: 'Unknown freshness' } as const;
const CLASS = { fresh: 'badge-good', due: 'badge-warn', stale: 'badge-bad', unknown: '' } as const;

/** Freshness against the product's SLA: fresh within 75% of it, due up to 100%, stale beyond. */
export function FreshnessBadge({ entry }: { entry: CatalogEntry }) {
  return (
    <span className={`badge ${CLASS[entry.freshness]}`} title={`Updated ${entry.updated_at}; SLA ${entry.freshness_sla_hours} h`} data-testid="freshness">
      {LABEL[entry.freshness]}
    </span>
  );
}
