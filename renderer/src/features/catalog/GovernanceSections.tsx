import type { ProductDetail } from '../../../../shared/ipc/catalog-contract';
import { formatAge } from '../../../../shared/format';

type Governance = NonNullable<ProductDetail['governance']>;
type Result = NonNullable<Governance['quality']>['results'][number];

function formatObserved(value: number | null): string {
  if (value === null) return 'nothing to measure';
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function ResultCell({ result }: { result: Result | undefined }) {
  if (!result) return <span className="muted">not measured on the installed version</span>;
  if (result.passed) return <span className="badge badge-good">passed</span>;
  return <span className={`badge ${result.severity === 'error' ? 'badge-bad' : 'badge-warn'}`}>failed</span>;
}

/** Each contract rule in words with its result on the installed version (or on the refused pull). */
export function QualityRulesCard({ detail }: { detail: ProductDetail }) {
  const rules = detail.contract.quality;
  const governance = detail.governance;
  // Keyed by column and id: two columns' rules may share a name.
  const key = (column: string | null, id: string) => `${column ?? ''}:${id}`;
  const measured = new Map((governance?.quality?.results ?? []).map((r) => [key(r.column, r.id), r]));
  const refused = governance?.refused ?? null;
  return (
    <div className="card">
      <h2>Quality rules</h2>
      {refused && (
        <div className="banner banner-bad" role="alert" data-testid="quality-refused">
          Version {refused.version} was refused {formatAge(refused.at)}: {refused.message}
        </div>
      )}
      {governance?.quality ? (
        <p className="muted">
          Checked on version {governance.quality.version} before it was installed. A failed error rule refuses a version; a failed warning installs it with a
          warning.
        </p>
      ) : (
        <p className="muted">Checked on every pull before the version is installed. Not checked yet on this laptop.</p>
      )}
      {rules.length === 0 ? (
        <p className="muted">The contract declares no quality rules.</p>
      ) : (
        <table className="table" data-testid="quality-rules">
          <thead>
            <tr>
              <th>Rule</th>
              <th>Severity</th>
              <th>Result</th>
              <th>Observed</th>
              <th>Threshold</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => {
              const result = measured.get(key(rule.column, rule.id));
              return (
                <tr key={key(rule.column, rule.id)} data-testid={`quality-rule-${rule.id}`}>
                  <td>{rule.rule}</td>
                  <td>{rule.severity}</td>
                  <td>{rule.checked ? <ResultCell result={result} /> : <span className="muted">not checked by Meshwork</span>}</td>
                  <td className="num">{result ? formatObserved(result.observed) : ''}</td>
                  <td>{result?.threshold ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {refused && refused.results.some((r) => !r.passed) && (
        <>
          <h3>Failed on the refused version {refused.version}</h3>
          <ul data-testid="quality-refused-results">
            {refused.results
              .filter((r) => !r.passed)
              .map((r) => (
                <li key={key(r.column, r.id)}>
                  {r.text} ({r.severity}): observed {formatObserved(r.observed)}, expected {r.threshold}
                </li>
              ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** Contract changes between the versions pulled to this laptop, newest first. */
export function ChangeLogCard({ detail }: { detail: ProductDetail }) {
  const log = detail.governance?.changeLog ?? [];
  return (
    <div className="card">
      <h2>Contract change log</h2>
      {log.length === 0 ? (
        <p className="muted">No contract changes between the versions pulled to this laptop.</p>
      ) : (
        <ul className="change-log" data-testid="change-log">
          {log.map((entry) => (
            <li key={entry.version}>
              <strong>Version {entry.version}</strong>{' '}
              <span className="muted">
                (contract {entry.fromVersion} → {entry.toVersion}, pulled {formatAge(entry.fetchedAt)})
              </span>
              <ul>
                {entry.changes.map((c, i) => (
                  <li key={i} className={c.kind === 'column_removed' || c.kind === 'column_retyped' ? 'error-text' : undefined}>
                    {c.text}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
