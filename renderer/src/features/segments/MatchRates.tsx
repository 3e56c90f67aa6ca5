import { ErrorState } from '../../ui/States';
import { matchDetail, matchExplanation, matchShare } from './match-rate-text';
import type { LiveAnswer } from './segment-queries';

interface Destination {
  id: string;
  name: string;
  purpose: string;
  identifier: string;
}

interface Rates {
  rates: { id: string; members: number; matchable: number; missing: string[] }[];
}

/** One line per activation destination: the share of the segment it could match, and how that is estimated. */
export function MatchRates({ destinations, error, answer }: { destinations: readonly Destination[] | null; error: Error | null; answer: LiveAnswer<Rates> }) {
  if (error) return <p className="muted">Destinations are listed by the mesh; connect to it to estimate match rates.</p>;
  if (!destinations) return <div className="skeleton" style={{ height: 80 }} />;
  if (destinations.length === 0) return <p className="muted">This mesh lists no activation destinations.</p>;
  if (answer.error) return <ErrorState title="Match rates cannot be estimated" message="Fix the condition marked in the rule first." />;
  return (
    <table className="table seg-match" data-testid="seg-match-rates" data-running={answer.running}>
      <tbody>
        {destinations.map((d) => {
          const rate = answer.result?.rates.find((r) => r.id === d.id);
          const view = rate ? { ...rate, identifier: d.identifier, purpose: d.purpose } : null;
          return (
            <tr key={d.id} data-testid={`seg-match-${d.id}`} title={matchExplanation(d)}>
              <td>{d.name}</td>
              <td className="num" data-testid={`seg-match-${d.id}-share`}>
                {view ? matchShare(view) : '…'}
              </td>
              <td className="muted">{view ? matchDetail(view) : answer.running ? 'Estimating…' : 'Finish the rule to estimate.'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
