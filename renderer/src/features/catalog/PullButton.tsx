import { useState } from 'react';
import type { CatalogEntry } from '../../../../shared/ipc/catalog-contract';
import { useCancelJob, useJobFor } from '../../api/jobs-queries';
import { ProgressBar } from '../../ui/ProgressBar';
import { usePullProduct } from './catalog-queries';
import { useInGetStarted } from './get-started-store';

/**
 * Pull / Refresh with the running pull's progress bar, detail (bytes, rate, time left) and cancel;
 * on a catalog card during Get started, a one-line status and cancel (the banner has the bar).
 */
export function PullButton({ entry, compact = false }: { entry: CatalogEntry; compact?: boolean }) {
  const pull = usePullProduct();
  const cancel = useCancelJob();
  const job = useJobFor('pull', entry.id);
  const running = job?.state === 'running';
  // On a catalog card during Get started, its banner shows the progress: the card only says what it is doing.
  const inGetStarted = useInGetStarted(entry.id) && compact;
  const upToDate = entry.cached?.version === entry.version;
  // Disabled from the click until the job shows up, so a double click starts one pull.
  const [starting, setStarting] = useState(false);
  const start = () => {
    if (starting) return;
    setStarting(true);
    void pull(entry.id).finally(() => setStarting(false));
  };
  return (
    <div className={compact ? 'pull pull-compact' : 'pull'} data-testid={`pull-${entry.id}`}>
      {running && inGetStarted ? (
        <div className="pull-row">
          <span className="muted pull-detail" data-testid={`pull-status-${entry.id}`}>
            Downloading with Get started…
          </span>
          <button type="button" className="btn btn-small" onClick={() => void cancel(job.id)}>
            Cancel
          </button>
        </div>
      ) : running ? (
        <>
          <ProgressBar value={job.progress} label={`Pulling ${entry.name}`} testId={`pull-progress-${entry.id}`} />
          <div className="pull-row">
            <span className="muted pull-detail">{job.detail || 'Starting…'}</span>
            <button type="button" className="btn btn-small" onClick={() => void cancel(job.id)}>
              Cancel
            </button>
          </div>
        </>
      ) : (
        <div className="pull-row">
          <button type="button" className={upToDate ? 'btn' : 'btn btn-primary'} disabled={starting} onClick={start} data-testid={`pull-button-${entry.id}`}>
            {entry.cached ? (upToDate ? 'Refresh' : `Update to ${entry.version}`) : 'Pull'}
          </button>
          {job?.state === 'failed' && (
            <span className="error-text" role="alert">
              {job.error}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
