import { formatPValue, formatSignedPercent } from '../../../../shared/format';
import { formatDifference, formatEffect, formatValue, type Engine, type MetricUnit, type Reading, type VariantResult } from './readout';

/**
 * The numbers behind the sentences: every arm's users and mean, and for each treatment the
 * difference, the interval the sentence uses with its own p-value (relative: `rel_p_value`),
 * the adjusted p-value under a correction, and the Bayesian chance to win and risk.
 */
export function ResultTable({
  name,
  unit,
  variants,
  readings,
  alpha,
  engine,
  corrected,
  testId,
  countsOnly = false,
}: {
  name: string;
  unit: MetricUnit;
  variants: VariantResult[];
  readings: Map<string, Reading>;
  alpha: number;
  engine: Engine;
  corrected: boolean;
  testId: string;
  /** Only who is in each arm: the data cannot measure anything yet (see the coverage banner). */
  countsOnly?: boolean;
}) {
  const control = variants[0]!;
  const bayes = engine === 'bayesian';
  const level = `${Math.round((1 - alpha) * 1000) / 10}%`;
  if (countsOnly) {
    return (
      <table className="table numeric" data-testid={testId}>
        <thead>
          <tr>
            <th>Variant</th>
            <th>Users</th>
          </tr>
        </thead>
        <tbody>
          {variants.map((v) => (
            <tr key={v.variant} data-testid={`${testId.replace('table', 'row')}-${v.variant}`}>
              <td>
                {v.variant}
                {v === control && (
                  <span className="badge" style={{ marginLeft: 6 }}>
                    control
                  </span>
                )}
              </td>
              <td>{v.users.toLocaleString('en-US')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <div className="table-scroll">
      <table className="table numeric" data-testid={testId}>
        <thead>
          <tr>
            <th>Variant</th>
            <th>Users</th>
            <th>Value</th>
            <th>Difference</th>
            <th>{bayes ? 'Lift (posterior mean)' : 'Relative lift'}</th>
            <th>
              {level} {bayes ? 'credible interval' : 'CI'}
            </th>
            <th>{bayes ? 'Chance to win' : 'p-value'}</th>
            {corrected && <th title="The p-value of the difference, adjusted over every metric and arm read together">Adjusted p</th>}
            {bayes && <th>Risk (keep control / ship)</th>}
          </tr>
        </thead>
        <tbody>
          {variants.map((v) => {
            const r = v === control ? undefined : readings.get(v.variant);
            return (
              <tr
                key={v.variant}
                data-testid={`${testId.replace('table', 'row')}-${v.variant}`}
                data-diff={v.diff ?? ''}
                data-ci={v.diff_ci ? v.diff_ci.join(',') : ''}
                data-lift={v.rel_lift ?? ''}
                data-lift-ci={v.rel_lift_ci ? v.rel_lift_ci.join(',') : ''}
                data-p={v.p_value ?? ''}
                data-rel-p={v.rel_p_value ?? ''}
                data-shown-interval={r?.interval ? r.interval.join(',') : ''}
                data-shown-p={r?.pValue ?? ''}
                data-verdict={r?.verdict ?? ''}
              >
                <td>
                  {v.variant}
                  {v === control && (
                    <span className="badge" style={{ marginLeft: 6 }}>
                      control
                    </span>
                  )}
                </td>
                <td>{v.users.toLocaleString('en-US')}</td>
                <td>{formatValue(v.mean, unit)}</td>
                <td>{v === control ? '' : formatDifference(v.diff, unit)}</td>
                <td className={r ? `exp-verdict-${r.verdict}` : undefined}>
                  {r?.estimate !== null && r?.scale ? formatEffect(r.estimate, r.scale, unit) : ''}
                </td>
                <td>
                  {r?.interval && r.scale
                    ? `${formatEffect(r.interval[0], r.scale, unit)} to ${formatEffect(r.interval[1], r.scale, unit)}`
                    : v === control
                      ? ''
                      : 'no test'}
                </td>
                <td>
                  {r
                    ? bayes && r.chanceToWin !== null
                      ? formatSignedPercent(r.chanceToWin).replace('+', '')
                      : r.pValue !== null
                        ? formatPValue(r.pValue)
                        : ''
                    : ''}
                </td>
                {corrected && (
                  <td data-testid={`${testId.replace('table', 'adjusted')}-${v.variant}`}>
                    {r?.pAdjusted !== null && r?.pAdjusted !== undefined ? formatPValue(r.pAdjusted) : ''}
                  </td>
                )}
                {bayes && <td>{v.risk ? `${formatSignedPercent(v.risk[0]).replace('+', '')} / ${formatSignedPercent(v.risk[1]).replace('+', '')}` : ''}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
      {variants.length === 0 && <p className="muted small">No users in {name}.</p>}
    </div>
  );
}
