import { useState } from 'react';
import { formatDate } from '../../../../shared/format';
import { LINEAGE_OBJECT_KINDS } from '../../../../shared/lineage/lineage-graph';
import { NODE_KIND_NAMES } from '../../../../shared/lineage/lineage-labels';
import { useApiQuery } from '../../api/queries';
import { Page } from '../../app/Page';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';
import { LineageLink } from './LineageLink';

/** Everything this laptop can trace, newest first, to pick one. */
export function LineagePicker({ badLink }: { badLink: boolean }) {
  const query = useApiQuery('lineage', 'recent', { limit: 200 }, { staleTime: 0 });
  const [kind, setKind] = useState('');
  const shown = (query.data?.objects ?? []).filter((o) => !kind || o.kind === kind);
  return (
    <Page
      title="Lineage"
      subtitle="Where an analysis, export, audience version or activation came from, and what each version of a data product fed. Built on this laptop from the activity log, saved specs and pulled versions."
      testId="page-lineage"
    >
      {badLink && (
        <div className="banner banner-bad" role="alert">
          That lineage link does not name an object. Pick one below.
        </div>
      )}
      {query.error && <ErrorState title="Lineage could not be read" message={query.error.message} onRetry={() => void query.refetch()} />}
      {!query.data && !query.error && <LoadingBlock label="Reading the activity log" />}
      {query.data && query.data.objects.length === 0 && (
        <EmptyState title="Nothing to trace yet.">Pull a data product and run an analysis: its lineage shows here.</EmptyState>
      )}
      {query.data && query.data.objects.length > 0 && (
        <div className="card">
          <div className="card-head">
            <h2>{shown.length} objects</h2>
            <select aria-label="Show only" value={kind} onChange={(e) => setKind(e.target.value)} data-testid="lineage-kind-filter">
              <option value="">Everything</option>
              {LINEAGE_OBJECT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {NODE_KIND_NAMES[k].many}
                </option>
              ))}
            </select>
          </div>
          <table className="table" data-testid="lineage-objects">
            <thead>
              <tr>
                <th>What</th>
                <th>Kind</th>
                <th>When</th>
                <th>Who</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {shown.map((o) => (
                <tr key={`${o.kind}:${o.id}`} data-testid="lineage-object">
                  <td>
                    <strong>{o.title}</strong> <span className="muted">{o.subtitle}</span>
                  </td>
                  <td>{NODE_KIND_NAMES[o.kind].one}</td>
                  <td title={o.at ?? undefined}>{o.at ? `${formatDate(o.at)} ${o.at.slice(11, 16)}` : '—'}</td>
                  <td>{o.who ?? '—'}</td>
                  <td>
                    <LineageLink object={{ kind: o.kind, id: o.id }} label="Show lineage" />
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
