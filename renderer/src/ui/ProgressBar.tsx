/** A labelled progress bar; `value` null shows an indeterminate bar. */
export function ProgressBar({ value, label, testId }: { value: number | null; label: string; testId?: string }) {
  const percent = value === null ? null : Math.max(0, Math.min(100, Math.round(value * 100)));
  return (
    <div
      className={percent === null ? 'progress progress-indeterminate' : 'progress'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      data-testid={testId}
    >
      <div className="progress-fill" style={{ width: percent === null ? '30%' : `${percent}%` }} />
    </div>
  );
}
