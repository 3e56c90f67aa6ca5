import { formatDate } from '../../../../shared/format';
import { detailFacts, entryLabel, type ActivityEntry } from './activity-groups';

/** One log entry opened: what happened, when, by whom, everything it recorded, and its place in the chain. */
export function ActivityDetails({ entry, onClose }: { entry: ActivityEntry; onClose: () => void }) {
  return (
    <aside className="card activity-details" data-testid="activity-details" aria-label={`Entry ${entry.seq}`}>
      <div className="card-head">
        <h2>Entry {entry.seq}</h2>
        <button type="button" className="icon-button" aria-label="Close details" onClick={onClose}>
          ×
        </button>
      </div>
      <p>{entryLabel(entry)}</p>
      <dl className="facts">
        <dt>When</dt>
        <dd>
          {formatDate(entry.at)} {entry.at.slice(11, 19)} UTC
        </dd>
        <dt>Who</dt>
        <dd>{entry.user}</dd>
        {detailFacts(entry.details).map((fact) => (
          <div key={fact.label} className="facts-row">
            <dt>{fact.label}</dt>
            <dd className="wrap">{fact.text}</dd>
          </div>
        ))}
        <dt>Chain hash</dt>
        <dd className="mono wrap" title="Each entry's hash covers the one before it, so an edited or removed line breaks the chain.">
          {entry.hash}
        </dd>
      </dl>
    </aside>
  );
}
