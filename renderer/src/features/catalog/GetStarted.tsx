import { useEffect } from 'react';
import type { CatalogEntry } from '../../../../shared/ipc/catalog-contract';
import { pluralize } from '../../../../shared/format';
import { useJobs } from '../../api/jobs-queries';
import { ProgressBar } from '../../ui/ProgressBar';
import { usePullProduct } from './catalog-queries';
import { batchProgress, missingProducts } from './get-started';
import { useGetStartedStore } from './get-started-store';

/**
 * First run: a newcomer has pulled nothing, so every analysis page would be empty. One action
 * pulls every product this laptop lacks, with one progress bar over all of them; while it runs
 * the product cards show a one-line status instead of bars of their own (PullButton).
 */
export function GetStarted({ products }: { products: CatalogEntry[] }) {
  const pull = usePullProduct();
  const jobs = useJobs();
  // In a store, not local state: the product cards read it to leave the progress to this banner.
  const started = useGetStartedStore((s) => s.batch);
  const start = useGetStartedStore((s) => s.start);
  const finish = useGetStartedStore((s) => s.finish);
  const missing = missingProducts(products);
  const cached = new Set(products.filter((p) => p.cached !== null).map((p) => p.id));
  const batch = started ? batchProgress(started, jobs, cached) : null;
  const finished = batch !== null && batch.done === batch.total;
  // Every pull done and the catalog shows each product on the laptop: the batch is over, and the
  // cards go back to their own bars. (Done jobs alone are not enough: until the catalog answers
  // again the products still read "not pulled", and this banner would offer the pull again.)
  const settled = finished && (started ?? []).every((id) => cached.has(id));
  useEffect(() => {
    if (settled) finish();
  }, [settled, finish]);
  if (started === null && (missing.length === 0 || cached.size > 0)) return null;
  if (finished) return null;
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
              start(ids);
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
