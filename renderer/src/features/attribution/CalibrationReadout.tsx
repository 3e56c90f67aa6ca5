import type { CalibrationResult, CalibrationTestResult } from '../../../../shared/analysis/calibration/run-calibration';
import { channelName } from '../../../../shared/display-names';
import { formatCount, formatDate, formatDecimal } from '../../../../shared/format';
import type { AttributionOutput } from '../../../../shared/specs/attribution-spec';
import { modelLabel } from './AttributionResults';

const label = (m: CalibrationTestResult['models'][number]) =>
  modelLabel({ model: m.model, params: m.params, channels: [] } as AttributionOutput['models'][number]);

function interval(ci: [number, number] | null, digits = 1): string {
  if (ci === null) return 'no interval';
  return `${ci[0].toFixed(digits)} to ${ci[1].toFixed(digits)}`;
}

function testTitle(t: CalibrationTestResult): string {
  const what = t.source === 'geo_experiment' ? 'Geo test' : t.source === 'holdout' ? `Holdout ${t.experiment_id ?? ''}` : `Experiment ${t.experiment_id ?? ''}`;
  return `${channelName(t.channel)}: ${what}, ${formatDate(t.period[0])} to ${formatDate(t.period[1])}`;
}

function measuredNote(t: CalibrationTestResult): string {
  if (t.units === 'share_of_conversions') {
    return `The geo test measured ${formatDecimal(t.geo_effect)} extra orders (interval ${interval(t.geo_effect_ci, 0)}) in its treated geos; as a share of their orders, applied to the ${formatCount(t.period_conversions)} conversions of the period here.`;
  }
  if (t.units === 'orders')
    return `Extra orders the geo test measured in its treated geos, against ${formatCount(t.period_conversions)} conversions of the period here.`;
  return `Extra converting users in the ${t.variant ?? 'treated'} group (the difference in conversion rate x its users), against ${formatCount(t.period_conversions)} conversions of the period.`;
}

/** Per tested channel: what each model credits over the test period, what the test measured, their ratio. */
export function CalibrationReadout({ result }: { result: CalibrationResult }) {
  return (
    <div data-testid="calib-readout">
      {result.tests.map((t, i) => (
        <div key={i} className="calib-block" data-testid={`calib-readout-${t.channel}`}>
          <h3>
            {testTitle(t)}{' '}
            {t.stale ? (
              <span
                className="badge badge-warn"
                data-testid={`calib-stale-${t.channel}`}
                title={`The data runs ${t.age_days ?? '?'} days past this test, more than ${result.stale_after_days}`}
              >
                stale: {t.age_days} days old
              </span>
            ) : (
              <span className="badge" title={`Tests older than ${result.stale_after_days} days are marked stale`}>
                {t.age_days === null ? 'age unknown' : `${t.age_days} days old`}
              </span>
            )}
          </h3>
          <div className="table-scroll">
            <table className="table numeric" data-testid={`calib-table-${t.channel}`}>
              <thead>
                <tr>
                  <th>Model</th>
                  <th>Credited over the test period</th>
                  <th>Measured incremental</th>
                  <th>Incrementality factor</th>
                </tr>
              </thead>
              <tbody>
                {t.models.map((m, k) => (
                  <tr key={k} data-testid={`calib-row-${t.channel}-${k}`}>
                    <td>{label(m)}</td>
                    <td data-testid={`calib-credited-${t.channel}-${k}`} data-value={m.credited}>
                      {formatDecimal(m.credited)}
                    </td>
                    <td data-testid={`calib-incremental-${t.channel}-${k}`} data-value={t.incremental ?? ''}>
                      <div>{formatDecimal(t.incremental)}</div>
                      <div className="muted small">{interval(t.incremental_ci)}</div>
                    </td>
                    <td data-testid={`calib-factor-${t.channel}-${k}`} data-value={m.factor ?? ''}>
                      <div>{m.factor === null ? (m.credited === 0 ? 'none: nothing credited' : 'none: no measured effect') : `${m.factor.toFixed(2)}x`}</div>
                      <div className="muted small">{m.factor_ci === null ? '' : interval(m.factor_ci, 2)}</div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">{measuredNote(t)}</p>
          {t.incremental_ci !== null && t.incremental_ci[0] <= 0 && t.incremental_ci[1] >= 0 && (
            <p className="field-error" data-testid={`calib-inconclusive-${t.channel}`}>
              The interval includes 0: this test cannot tell the channel&apos;s effect from none, so its factors are too uncertain to adjust credit with.
            </p>
          )}
        </div>
      ))}
    </div>
  );
}
