import { useMemo, useState } from 'react';
import { formatDate } from '../../../../shared/format';
import { useApi, useApiQuery } from '../../api/queries';
import { Page } from '../../app/Page';
import { downloadText, exportName } from '../../ui/download';
import { plainError } from '../../ui/plain-error';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';
import { toastError } from '../../stores/toast-store';
import { activityLines, entryLabel, groupActivity } from './activity-groups';
import { ActivityDetails } from './ActivityDetails';
import './activity.css';
import { ForwardedBadge } from './ForwardedBadge';
import { EntryLineageLink } from '../lineage/LineageLink';

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
  // The log grows behind the page's back (every run, pull and export): read it fresh on each visit.
  const list = useApiQuery('activity', 'list', { limit: 1000 }, { staleTime: 0 });
  const check = useApiQuery('activity', 'verify', {}, { staleTime: 0 });
  const api = useApi();
  const entries = list.data?.entries ?? null;
  const verify = check.data ?? null;
  const failure = list.error ?? check.error;
  const error = failure ? plainError(failure).message : null;
  const load = () => Promise.all([list.refetch(), check.refetch()]);
  const [filter, setFilter] = useState('');
  // Groups the user opened (by key) and the entry whose details are shown.
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<number | null>(null);
  const exportLog = async () => {
    try {
      const { jsonl } = await api.activity.export({});
      downloadText(exportName('meshwork-activity', 'jsonl'), jsonl, 'application/x-ndjson');
    } catch (e) {
      toastError('The export failed', e);
    }
  };
  const filtered = useMemo(() => (entries ?? []).filter((e) => !filter || e.action === filter), [entries, filter]);
  const groups = useMemo(() => groupActivity(filtered), [filtered]);
  const shown = activityLines(groups, open);
  const toggle = (key: string) => setOpen((now) => (now.has(key) ? new Set([...now].filter((k) => k !== key)) : new Set([...now, key])));
  const details = selected === null ? null : (entries?.find((e) => e.seq === selected) ?? null);
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
        <div className="activity-layout">
          <div className="card">
            <div className="card-head">
              <h2>{filtered.length} entries</h2>
              <select
                className="activity-filter"
                aria-label="Filter by action"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                data-testid="activity-filter"
              >
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
                {shown.map(({ entry: e, group, head }) => (
                  <tr
                    key={`${e.seq}-${head ? 'head' : 'run'}`}
                    data-testid={head ? 'activity-row' : 'activity-run'}
                    className={`clickable-row${head ? '' : ' activity-run'}${selected === e.seq ? ' selected' : ''}`}
                    onClick={() => setSelected(e.seq)}
                  >
                    <td>{head && group.entries.length > 1 ? `${group.key}–${e.seq}` : e.seq}</td>
                    <td title={e.at}>
                      {formatDate(e.at)} {e.at.slice(11, 19)}
                    </td>
                    <td>{e.user}</td>
                    <td>
                      <span className="badge">{ACTION_LABEL[e.action] ?? e.action}</span>
                    </td>
                    <td>
                      {head ? group.label : entryLabel(e)} <EntryLineageLink entry={e} />
                      {head && group.entries.length > 1 && (
                        <button
                          type="button"
                          className="link-button activity-expand"
                          aria-expanded={open.has(group.key)}
                          onClick={(event) => {
                            event.stopPropagation();
                            toggle(group.key);
                          }}
                          data-testid="activity-expand"
                        >
                          {open.has(group.key) ? 'Hide runs' : `Show ${group.entries.length} runs`}
                        </button>
                      )}
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
          {details && <ActivityDetails entry={details} onClose={() => setSelected(null)} />}
        </div>
      )}
    </Page>
  );
}
