import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { formatDate } from '../../../../shared/format';
import { Page } from '../../app/Page';
import { downloadText, exportName } from '../../ui/download';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';
import { toastError } from '../../stores/toast-store';
import { ForwardedBadge } from './ForwardedBadge';
import { EntryLineageLink } from '../lineage/LineageLink';

type Entries = Awaited<ReturnType<typeof api.activity.list>>['entries'];
type Verify = Awaited<ReturnType<typeof api.activity.verify>>;

const ACTION_LABEL: Record<string, string> = {
  pull: 'Pull',
  analysis: 'Analysis',
  export: 'Export',
  submit: 'Submission',
  approve: 'Approval',
  reject: 'Rejection',
  activate: 'Activation',
  connection: 'Connection',
  purge: 'Retention purge',
};

/** The tamper-evident log of pulls, analyses, exports, submissions, approvals and activations. */
export function ActivityPage() {
  const [entries, setEntries] = useState<Entries | null>(null);
  const [verify, setVerify] = useState<Verify | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  // State is set in the promise's callbacks, never synchronously in the effect that loads
  // (React's set-state-in-effect rule: no cascading render before the data is there).
  const load = useCallback(
    () =>
      Promise.all([api.activity.list({ limit: 1000 }), api.activity.verify({})]).then(
        ([list, check]) => {
          setEntries(list.entries);
          setVerify(check);
          setError(null);
        },
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      ),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const exportLog = async () => {
    try {
      const { jsonl } = await api.activity.export({});
      downloadText(exportName('meshwork-activity', 'jsonl'), jsonl, 'application/x-ndjson');
    } catch (e) {
      toastError('The export failed', e);
    }
  };
  const shown = (entries ?? []).filter((e) => !filter || e.action === filter);
  return (
    <Page
      title="Activity"
      subtitle="Every pull, analysis, export, submission, approval and activation on this laptop, in a hash-chained log that shows any edit."
      testId="page-activity"
      actions={
        <>
          <button type="button" className="btn" onClick={() => void load()}>
            Reload
          </button>
          <button type="button" className="btn" onClick={() => void exportLog()} data-testid="activity-export">
            Export
          </button>
        </>
      }
    >
      {verify && (
        <div
          className={verify.intact ? 'banner' : 'banner banner-bad'}
          role={verify.intact ? undefined : 'alert'}
          data-testid="activity-verify"
          data-intact={verify.intact}
        >
          {verify.intact
            ? `Chain intact: all ${verify.entries} entries verified.`
            : `Tampering detected: ${verify.problem}. Entries from line ${verify.line} on cannot be trusted.`}
        </div>
      )}
      {error && <ErrorState title="The activity log could not be read" message={error} onRetry={() => void load()} />}
      {!entries && !error && <LoadingBlock />}
      {entries && entries.length === 0 && <EmptyState title="Nothing has happened yet.">Pull a product or run an analysis and it is recorded here.</EmptyState>}
      {entries && entries.length > 0 && (
        <div className="card">
          <div className="card-head">
            <h2>{shown.length} entries</h2>
            <select aria-label="Filter by action" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="activity-filter">
              <option value="">All actions</option>
              {Object.entries(ACTION_LABEL).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </div>
          <table className="table" data-testid="activity-table">
            <thead>
              <tr>
                <th>#</th>
                <th>When</th>
                <th>Who</th>
                <th>What</th>
                <th>Summary</th>
                <th>Hash</th>
                <th>Mesh audit trail</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr key={e.seq} data-testid="activity-row">
                  <td>{e.seq}</td>
                  <td title={e.at}>
                    {formatDate(e.at)} {e.at.slice(11, 19)}
                  </td>
                  <td>{e.user}</td>
                  <td>
                    <span className="badge">{ACTION_LABEL[e.action] ?? e.action}</span>
                  </td>
                  <td title={JSON.stringify(e.details)}>
                    {e.summary} <EntryLineageLink entry={e} />
                  </td>
                  <td className="mono muted">{e.hash.slice(0, 10)}…</td>
                  <td>
                    <ForwardedBadge forwarded={e.forwarded} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
