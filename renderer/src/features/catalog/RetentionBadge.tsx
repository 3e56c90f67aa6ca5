import type { CatalogEntry } from '../../../../shared/ipc/catalog-contract';
import { formatDate } from '../../../../shared/format';
import { retentionCountdown } from './retention-countdown';

/** "PII copy deleted in 12 days" on a cached copy holding personal data; a warning in its last 3 days. */
export function RetentionBadge({ entry }: { entry: CatalogEntry }) {
  if (!entry.retention) return null;
  const { text, warn } = retentionCountdown(entry.retention.purgeAt);
  const days = entry.retention.days;
  return (
    <span
      className={`badge ${warn ? 'badge-warn' : ''}`}
      title={`The data contract keeps copies of personal data on a laptop for ${days} day${days === 1 ? '' : 's'}; this one is deleted on ${formatDate(entry.retention.purgeAt)}. Pull again for a new copy.`}
      data-testid={`retention-${entry.id}`}
      data-warn={warn}
    >
      {text}
    </span>
  );
}
