import { Page } from '../../app/Page';
import { useUiStore } from '../../stores/ui-store';
import { ErrorState, LoadingBlock } from '../../ui/States';
import { formatAge, formatCount, formatDate } from '../../../../shared/format';
import { useProductDetail } from './catalog-queries';
import { FreshnessBadge } from './FreshnessBadge';
import { PullButton } from './PullButton';
import { ChurnCalibration } from '../planning/ChurnCalibration';
import { QualityBadge } from './QualityBadge';
import { RetentionBadge } from './RetentionBadge';
import { ChangeLogCard, QualityRulesCard } from './GovernanceSections';
import { qualityWarningLines } from './quality-warnings';
import { LineageLink } from '../lineage/LineageLink';

/** One data product: its contract (columns, PII and consent tags, quality rules, SLA), versions and consumers. */
export function ProductPage({ id }: { id: string }) {
  const navigate = useUiStore((s) => s.navigate);
  const query = useProductDetail(id);
  const detail = query.data ?? null;
  const detailError = query.error?.message ?? null;
  const back = (
    <button type="button" className="btn" onClick={() => navigate('catalog')}>
      ← All products
    </button>
  );
  if (detailError && !detail) {
    return (
      <Page title={id} testId="page-product" actions={back}>
        <ErrorState title="This product could not be loaded" message={detailError} onRetry={() => void query.refetch()} />
      </Page>
    );
  }
  if (!detail || detail.entry.id !== id) {
    return (
      <Page title={id} testId="page-product" actions={back}>
        <LoadingBlock label="Loading the product" />
      </Page>
    );
  }
  const { entry, contract, versions, consumers } = detail;
  const warnings = qualityWarningLines([entry], [entry.id]);
  return (
    <Page title={entry.name} subtitle={entry.description} testId="page-product" actions={back}>
      <div className="product-top">
        <div className="card">
          <h2>About this product</h2>
          <dl className="facts">
            <dt>Domain</dt>
            <dd>{entry.domain}</dd>
            <dt>Owner</dt>
            <dd>{entry.owner}</dd>
            <dt>Version</dt>
            <dd>
              {entry.version} (updated {formatDate(entry.updated_at)}) <FreshnessBadge entry={entry} /> <QualityBadge entry={entry} />
            </dd>
            <dt>Freshness SLA</dt>
            <dd>updated at least every {entry.freshness_sla_hours} h</dd>
            <dt>Classification</dt>
            <dd>{entry.classification}</dd>
            <dt>Contract</dt>
            <dd>
              {contract.id} v{contract.version} ({contract.status})
            </dd>
            {contract.sla.map((s) => (
              <FragmentRow key={s.property} label={`SLA ${s.property}`} value={s.value} />
            ))}
          </dl>
          {contract.purpose && (
            <p>
              <strong>Purpose.</strong> {contract.purpose}
            </p>
          )}
          {contract.usage && (
            <p>
              <strong>Usage.</strong> {contract.usage}
            </p>
          )}
          {contract.limitations && (
            <p>
              <strong>Limitations.</strong> {contract.limitations}
            </p>
          )}
        </div>
        <div className="card">
          <h2>On this laptop</h2>
          <PullButton entry={entry} />
          {entry.retention && (
            <p>
              <RetentionBadge entry={entry} />
            </p>
          )}
          {versions.length === 0 ? (
            <p className="muted">Not pulled yet. Pull it to use it in analyses, also offline.</p>
          ) : (
            <ul className="versions" data-testid="versions">
              {versions.map((v) => (
                <li key={v.version}>
                  <strong>{v.version}</strong> {v.current && <span className="badge badge-good">current</span>} pulled {formatAge(v.fetchedAt)}
                  {v.rows !== null && `, ${formatCount(v.rows)} rows`}{' '}
                  <LineageLink object={{ kind: 'product_version', id: `${entry.id}@${v.version}` }} label="Used by" testId="version-used-by" />
                </li>
              ))}
            </ul>
          )}
          <h2>Used by</h2>
          {consumers.length === 0 ? (
            <p className="muted">No saved analysis uses this product yet.</p>
          ) : (
            <ul data-testid="consumers">
              {consumers.map((c) => (
                <li key={c.id}>
                  {c.name} <span className="muted">({c.kind.replace('_', ' ')})</span>
                  {warnings.map((w) => (
                    <div key={w} className="warn-text" data-testid="consumer-quality-warning">
                      ⚠ {w}
                    </div>
                  ))}
                  {c.changedColumns && (
                    <div className="error-text" data-testid="consumer-changed-columns">
                      Uses {c.changedColumns.join(', ')}, removed or retyped by a newer contract: check it before rerunning.
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <div className="card">
        <h2>Columns</h2>
        <table className="table" data-testid="contract-columns">
          <thead>
            <tr>
              <th>Column</th>
              <th>Type</th>
              <th>Tags</th>
              <th>Description</th>
            </tr>
          </thead>
          <tbody>
            {contract.columns.map((c) => (
              <tr key={c.name}>
                <td className="mono">{c.name}</td>
                <td>
                  {c.logicalType} <span className="muted mono">{c.physicalType}</span>
                </td>
                <td className="tags">
                  {c.primaryKey && <span className="badge">key</span>}
                  {c.required && <span className="badge">required</span>}
                  {c.pii && <span className="badge badge-bad">PII</span>}
                  {c.pseudonymised && (
                    <span className="badge badge-warn" title="Pseudonymised by the mesh for your role">
                      {c.pseudonymised === 'null' ? 'withheld' : `as ${c.pseudonymised}`}
                    </span>
                  )}
                  {c.consentPurpose && <span className="badge badge-good">consent: {c.consentPurpose}</span>}
                  {c.classification !== 'internal' && <span className="badge">{c.classification}</span>}
                </td>
                <td>{c.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <QualityRulesCard detail={detail} />
      <ChangeLogCard detail={detail} />
      {entry.id === 'churn_scores' && <ChurnCalibration pulled={versions.length > 0} />}
    </Page>
  );
}

function FragmentRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
