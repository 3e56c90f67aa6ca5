import { useState } from 'react';
import type { MeshworkApi } from '../../../../shared/ipc/contract';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { useJobFor } from '../../api/jobs-queries';
import { toastError } from '../../stores/toast-store';
import { ProgressBar } from '../../ui/ProgressBar';

type Profile = Awaited<ReturnType<MeshworkApi['sharing']['listProfiles']>>['profiles'][number];
type Table = Awaited<ReturnType<MeshworkApi['sharing']['catalog']>>['tables'][number];

const CORE = ['customers', 'touchpoints', 'conversions', 'events', 'campaign_performance', 'experiment_assignments'];

/** `core=shared, ...` as typed by the user; malformed pairs are left for the main process to refuse. */
function mapping(text: string): Record<string, string> | undefined {
  const pairs = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => p.split('=').map((s) => s.trim()) as [string, string]);
  return pairs.length ? Object.fromEntries(pairs) : undefined;
}

function SharedTableCard({ profileId, table }: { profileId: string; table: Table }) {
  const [as, setAs] = useState(table.fitsCoreProducts[0] ?? '');
  const [columns, setColumns] = useState('');
  const [range, setRange] = useState({ from: '', to: '' });
  // A date range is offered only on a DATE partition column, where the server can skip files.
  const dateColumn = table.partitionColumns.find((p) => table.columns.some((c) => c.name === p && c.type === 'DATE'));
  const product = as || table.name;
  const job = useJobFor('pull', product);
  const running = job?.state === 'running';
  const start = useApiMutation('sharing', 'pull');
  const pull = () => {
    const cols = mapping(columns);
    const days = { ...(dateColumn && range.from ? { from: range.from } : {}), ...(dateColumn && range.to ? { to: range.to } : {}) };
    void start
      .mutateAsync({ id: profileId, table: table.table, ...(as ? { as } : {}), ...(cols ? { columns: cols } : {}), ...days })
      .catch((e: unknown) => toastError('The pull could not start', e));
  };
  return (
    <article className="product-card" data-testid={`shared-${table.table}`}>
      <header className="product-card-head">
        <strong>{table.table}</strong>
        <span className="badge" title={table.contractNote}>
          No ODCS contract
        </span>
      </header>
      <dl className="facts small">
        <dt>Version</dt>
        <dd>{table.version}</dd>
        <dt>Columns</dt>
        <dd>{table.columns.map((c) => `${c.name} ${c.type}`).join(', ')}</dd>
        <dt>Partitioned by</dt>
        <dd>{table.partitionColumns.length ? table.partitionColumns.join(', ') : 'nothing'}</dd>
      </dl>
      <div className="row">
        <label className="field">
          Pull as
          <select value={as} onChange={(e) => setAs(e.target.value)} data-testid={`shared-as-${table.table}`}>
            <option value="">{table.name} (unchecked)</option>
            {CORE.map((p) => (
              <option key={p} value={p}>
                {p}
                {table.fitsCoreProducts.includes(p) ? ' (fits)' : ''}
              </option>
            ))}
          </select>
        </label>
        {as && (
          <label className="field">
            Column mapping
            <input value={columns} placeholder="revenue=order_value" onChange={(e) => setColumns(e.target.value)} />
          </label>
        )}
      </div>
      {dateColumn && (
        <div className="row">
          <label className="field">
            {dateColumn} from
            <input type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
          </label>
          <label className="field">
            to
            <input type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
          </label>
        </div>
      )}
      {running ? (
        <ProgressBar value={job.progress} label={`Pulling ${table.table}`} />
      ) : (
        <div className="pull-row">
          <button type="button" className="btn btn-primary" onClick={pull} data-testid={`shared-pull-${table.table}`}>
            Pull
          </button>
          {job?.state === 'failed' && (
            <span className="error-text" role="alert">
              {job.error}
            </span>
          )}
          {job?.state === 'done' && <span className="muted">{job.detail}</span>}
        </div>
      )}
    </article>
  );
}

/** One profile's tables; each profile is asked separately, so one unreachable share does not hide the others. */
function SharedProfile({ profile }: { profile: Profile }) {
  const tables = useApiQuery('sharing', 'catalog', { id: profile.id }, { refetchOnMount: 'always' });
  return (
    <section className="domain" aria-label={`Delta Sharing ${profile.name}`} data-testid="shared-tables">
      <h2 className="domain-title">Delta Sharing: {profile.name}</h2>
      {tables.error && (
        <p className="error-text" role="alert">
          {tables.error.message}
        </p>
      )}
      {tables.isPending && <div className="skeleton" style={{ height: 80 }} />}
      {tables.data && (
        <div className="product-grid">
          {tables.data.tables.map((t) => (
            <SharedTableCard key={t.table} profileId={profile.id} table={t} />
          ))}
        </div>
      )}
    </section>
  );
}

/** The tables of every Delta Sharing profile, beside the mesh's products. */
export function SharedTables() {
  // Profiles that cannot be listed show nothing here: Settings is where they are managed and their problems shown.
  const profiles = useApiQuery('sharing', 'listProfiles', {}, { refetchOnMount: 'always' });
  const list = profiles.data?.profiles ?? [];
  if (list.length === 0) return null;
  return (
    <>
      {list.map((p) => (
        <SharedProfile key={p.id} profile={p} />
      ))}
    </>
  );
}
