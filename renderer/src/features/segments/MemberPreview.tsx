import { useMemo } from 'react';
import { DataGrid } from '../../ui/DataGrid';
import { ErrorState } from '../../ui/States';
import { maskingNotice, previewRows, type PreviewRow } from './member-preview';
import type { LiveAnswer } from './segment-queries';

/** The first members of the segment, as people: no ids or hashes in the grid (they are in each row's tooltip). */
export function MemberPreview({
  answer,
  piiAccess,
  finished,
}: {
  answer: LiveAnswer<{ rows: Record<string, unknown>[]; masked: boolean }>;
  piiAccess: boolean;
  finished: boolean;
}) {
  const raw = answer.result?.rows ?? null;
  const rows = useMemo(() => (raw ? previewRows(raw) : null), [raw]);
  const masked = answer.result?.masked ?? true;
  const notice = raw ? maskingNotice(piiAccess, masked, raw) : null;
  const columns = useMemo(() => {
    const has = (key: keyof PreviewRow) => rows?.some((r) => r[key] !== null) ?? false;
    return [
      ...(has('name') ? [{ field: 'name' as const, headerName: 'Name' }] : []),
      ...(has('email') ? [{ field: 'email' as const, headerName: 'E-mail' }] : []),
      { field: 'country' as const, headerName: 'Country' },
      { field: 'stage' as const, headerName: 'Lifecycle stage' },
      { field: 'signedUp' as const, headerName: 'Signed up' },
      { field: 'ltv' as const, headerName: 'Lifetime value', type: 'rightAligned' },
      { field: 'channel' as const, headerName: 'Acquisition channel' },
    ].map((c) => ({ ...c, minWidth: 120, flex: 1, tooltipField: 'ids' as const }));
  }, [rows]);
  if (!finished) return <p className="muted">Finish the rule to see who is in it.</p>;
  if (answer.error) return <ErrorState title="The preview cannot be shown" message="Fix the condition marked in the rule first." />;
  if (!rows) return <div className="skeleton" style={{ height: 200 }} />;
  return (
    <>
      {notice && (
        <p className="muted" data-testid="seg-masking">
          {notice.badge && (
            <span className="badge badge-warn" title={notice.reason ?? undefined} data-testid="seg-masking-badge">
              {notice.badge}
            </span>
          )}{' '}
          {notice.text}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="muted">Nobody matches this rule.</p>
      ) : (
        <DataGrid testId="seg-preview" rowData={rows} columnDefs={columns} height={300} enableBrowserTooltips />
      )}
    </>
  );
}
