import { useState } from 'react';
import type { CatalogEntry } from '../../../../shared/ipc/catalog-contract';
import { pluralize } from '../../../../shared/format';
import { useJobs } from '../../api/jobs-queries';
import { ProgressBar } from '../../ui/ProgressBar';
import { usePullProduct } from './catalog-queries';
import { batchProgress, missingProducts } from './get-started';

/**
 * First run: a newcomer has pulled nothing, so every analysis page would be empty. One action
 * pulls every product this laptop lacks, with one progress bar over all of them.
 */
export function GetStarted({ products }: { products: CatalogEntry[] }) {
  const pull = usePullProduct();
  const jobs = useJobs();
  const [started, setStarted] = useState<string[] | null>(null);
  const missing = missingProducts(products);
  const cached = new Set(products.filter((p) => p.cached !== null).map((p) => p.id));
  if (started === null && (missing.length === 0 || cached.size > 0)) return null;
  const batch = started ? batchProgress(started, jobs, cached) : null;
  if (batch && batch.done === batch.total) return null;
  const names = (ids: string[]) => ids.map((id) => products.find((p) => p.id === id)?.name ?? id).join(', ');
  return (
    <section className="card get-started" data-testid="get-started" aria-label="Get started">
      <h2>Get started: pull the demo products</h2>
      {batch === null ? (
        <>
          <p>
            Nothing is on this laptop yet. Pull the {pluralize(missing.length, 'data product')} of this mesh ({names(missing.map((p) => p.id))}) in one go; the
            dashboard, attribution, segments, experiments and audiences then work from them, offline too.
          </p>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="get-started-pull"
            onClick={() => {
              const ids = missing.map((p) => p.id);
              setStarted(ids);
              for (const id of ids) void pull(id);
            }}
          >
            Pull {pluralize(missing.length, 'product')}
          </button>
        </>
      ) : (
        <>
          <ProgressBar value={batch.progress} label="Pulling the demo products" testId="get-started-progress" />
          <p className="muted small" data-testid="get-started-status">
            {batch.done} of {pluralize(batch.total, 'product')} on this laptop{batch.running > 0 ? `, ${batch.running} downloading` : ''}.
            {batch.failed.length > 0 && ` Not pulled: ${names(batch.failed)} (see the product cards below to retry).`}
          </p>
        </>
      )}
    </section>
  );
}
