import { breakingColumns, specMentionsColumn, type ContractChange } from '../../../shared/contracts/contract-diff';
import type { QualityResult } from '../../../shared/contracts/quality-rules';
import type { ExtractCache } from '../extract-cache';
import { lastRefusal, type QualityRefusal } from './refusal-store';

export interface ProductGovernance {
  quality: { version: string; results: QualityResult[] } | null;
  refused: QualityRefusal | null;
  /** Newest first: each cached version whose contract was compared with the one before it. */
  changeLog: { version: string; fetchedAt: string; fromVersion: string; toVersion: string; changes: ContractChange[] }[];
}

/** What the product page shows about governance: quality of the current version, last refusal, change log. */
export async function productGovernance(cache: ExtractCache, product: string): Promise<ProductGovernance> {
  const [current, versions, refused] = await Promise.all([cache.current(product), cache.versions(product), lastRefusal(cache, product)]);
  const changeLog = versions
    .filter((v) => v.contractChanges && v.contractChanges.changes.length > 0)
    .map((v) => ({
      version: v.version,
      fetchedAt: v.fetchedAt,
      fromVersion: v.contractChanges!.fromVersion,
      toVersion: v.contractChanges!.toVersion,
      changes: v.contractChanges!.changes,
    }));
  return {
    quality: current?.quality ? { version: current.version, results: current.quality } : null,
    // A refusal older than the version now installed is history, not news.
    refused: refused && (!current || refused.at > current.fetchedAt) ? refused : null,
    changeLog,
  };
}

/**
 * The columns of a saved spec that the change log removed or retyped since the version the
 * spec was last (presumably) run on: coarse by design, any mention counts (contract-diff.ts).
 */
export function changedColumnsUsed(spec: unknown, changeLog: ProductGovernance['changeLog']): string[] {
  const columns = breakingColumns(changeLog.flatMap((entry) => entry.changes));
  return columns.filter((column) => specMentionsColumn(spec, column));
}
