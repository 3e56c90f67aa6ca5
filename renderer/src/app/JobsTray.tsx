import { useEffect, useRef, useState } from 'react';
import { useCancelJob, useJobs } from '../api/jobs-queries';
import { ProgressBar } from '../ui/ProgressBar';

/** Background jobs with progress bars and cancel; the button shows how many are running. */
export function JobsTray() {
  const jobs = useJobs();
  const cancel = useCancelJob();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  // A popover closes on Escape (focus back on its button) and on a click anywhere outside it.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      root.current?.querySelector<HTMLButtonElement>('[data-testid="jobs-button"]')?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);
  const running = jobs.filter((j) => j.state === 'running');
  return (
    <div className="jobs" ref={root}>
      <button type="button" className="btn" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="jobs-button">
        Jobs{running.length > 0 ? ` (${running.length} running)` : ''}
      </button>
      {open && (
        <div className="jobs-panel" role="dialog" aria-label="Background jobs" data-testid="jobs-panel">
          {jobs.length === 0 && <div className="muted">No background jobs yet. Pulls and long analyses show up here.</div>}
          {jobs.map((job) => (
            <div key={job.id} className="job" data-testid="job">
              <div className="job-head">
                <strong>{job.title}</strong>
                <span className={`badge ${job.state === 'failed' ? 'badge-bad' : job.state === 'done' ? 'badge-good' : ''}`}>{job.state}</span>
              </div>
              {job.state === 'running' && <ProgressBar value={job.progress} label={job.title} />}
              <div className="muted job-detail">{job.error ?? job.detail}</div>
              {job.state === 'running' && (
                <button type="button" className="btn btn-small" onClick={() => void cancel(job.id)}>
                  Cancel
                </button>
              )}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
