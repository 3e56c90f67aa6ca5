import { formatPValue, formatSignedPercent } from '../../../../shared/format';
import { formatEffect, formatValue, type MetricUnit, type Reading, type VariantResult } from './readout';

function cells(v: VariantResult | undefined, r: Reading | undefined, unit: MetricUnit, key: string) {
  const evidence =
    r?.chanceToWin !== null && r?.chanceToWin !== undefined ? `${formatSignedPercent(r.chanceToWin).replace('+', '')} to win` : formatPValue(r?.pValue);
  return [
    <td key={`${key}-v`}>{formatValue(v?.mean, unit)}</td>,
    <td key={`${key}-l`} className={r ? `exp-verdict-${r.verdict}` : undefined}>
      {r?.scale && r.estimate !== null ? formatEffect(r.estimate, r.scale, unit) : 'no test'}
    </td>,
    <td key={`${key}-i`}>{r?.interval && r.scale ? `${formatEffect(r.interval[0], r.scale, unit)} to ${formatEffect(r.interval[1], r.scale, unit)}` : ''}</td>,
    <td key={`${key}-p`}>{r ? evidence : ''}</td>,
  ];
}

/**
 * The capped and the uncapped result side by side, per arm: how much a few large values moved
 * the means and the lift. Each side is read on its own numbers.
 */
export function CapComparison({
  capLabel,
  unit,
  capped,
  uncapped,
  cappedReadings,
  uncappedReadings,
  testId,
}: {
  capLabel: string;
  unit: MetricUnit;
  capped: VariantResult[];
  uncapped: VariantResult[];
  cappedReadings: Map<string, Reading>;
  uncappedReadings: Map<string, Reading>;
  testId: string;
}) {
  return (
    <div className="table-scroll" data-testid={testId}>
      <table className="table numeric">
        <thead>
          <tr>
            <th />
            <th colSpan={4}>Capped ({capLabel})</th>
            <th colSpan={4}>Uncapped</th>
          </tr>
          <tr>
            <th>Variant</th>
            <th>Value</th>
            <th>Lift</th>
            <th>Interval</th>
            <th>Evidence</th>
            <th>Value</th>
            <th>Lift</th>
            <th>Interval</th>
            <th>Evidence</th>
          </tr>
        </thead>
        <tbody>
          {capped.map((v, i) => {
            const u = uncapped.find((x) => x.variant === v.variant);
            return (
              <tr
                key={v.variant}
                data-testid={`${testId}-${v.variant}`}
                data-verdict={cappedReadings.get(v.variant)?.verdict ?? ''}
                data-uncapped-verdict={uncappedReadings.get(v.variant)?.verdict ?? ''}
              >
                <td>{v.variant}</td>
                {i === 0 ? [<td key="cv">{formatValue(v.mean, unit)}</td>, <td key="c" colSpan={3} />] : cells(v, cappedReadings.get(v.variant), unit, 'c')}
                {i === 0 ? [<td key="uv">{formatValue(u?.mean, unit)}</td>, <td key="u" colSpan={3} />] : cells(u, uncappedReadings.get(v.variant), unit, 'u')}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
