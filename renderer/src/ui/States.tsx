import type { ReactNode } from 'react';

/** What a screen shows while loading, when it has nothing, and when something failed. */
export function LoadingBlock({ label = 'Loading…', height = 160 }: { label?: string; height?: number }) {
  return (
    <div className="skeleton" style={{ height }} role="status" aria-label={label} data-testid="loading">
      <span className="sr-only">{label}</span>
    </div>
  );
}

export function EmptyState({ title, children, action, testId }: { title: string; children?: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <div className="empty-state" data-testid={testId ?? 'empty-state'}>
      <strong>{title}</strong>
      {children && <div className="empty-detail">{children}</div>}
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}

export function ErrorState({ title, message, onRetry, testId }: { title: string; message: string; onRetry?: () => void; testId?: string }) {
  return (
    <div className="error-state" role="alert" data-testid={testId ?? 'error-state'}>
      <strong>{title}</strong>
      <div className="empty-detail">{message}</div>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
