import { useMemo } from 'react';
import { formatCount, formatPercent } from '../../../../shared/format';
import { useApiQuery } from '../../api/queries';
import { Chart, type ChartOption } from '../../ui/Chart';
import { EmptyState, LoadingBlock } from '../../ui/States';

/**
 * Predicted churn risk against observed churn, by risk decile: the churn_scores product page's
 * check that the scores mean what they say (a calibrated model's bars match its line).
 */
export function ChurnCalibration({ pulled }: { pulled: boolean }) {
  const query = useApiQuery('planning', 'churnCalibration', {}, { enabled: pulled, retry: false });
  const data = query.data;
  const option = useMemo<ChartOption | null>(
    () =>
      data && data.deciles.length > 0
        ? {
            legend: { top: 0 },
            grid: { left: 50, right: 20, top: 36, bottom: 40, containLabel: true },
            tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatPercent(v as number) },
            xAxis: { type: 'category', name: 'Predicted risk decile', nameLocation: 'middle', nameGap: 28, data: data.deciles.map((d) => String(d.decile)) },
            yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => formatPercent(v) } },
            series: [
              { name: 'Observed churn', type: 'bar', data: data.deciles.map((d) => d.observed_rate) },
              { name: 'Mean predicted', type: 'line', data: data.deciles.map((d) => d.mean_predicted) },
            ],
          }
        : null,
    [data],
  );
  return (
    <div className="card" data-testid="churn-calibration">
      <h2>Calibration: predicted vs observed churn</h2>
      {!pulled && <EmptyState title="Pull this product to check its scores against observed churn." />}
      {pulled && query.isPending && <LoadingBlock label="Comparing scores with outcomes…" height={200} />}
      {query.error && (
        <EmptyState title="Calibration needs Customer 360 as well." testId="churn-calibration-empty">
          {query.error.message}
        </EmptyState>
      )}
      {data && data.customers === 0 && <EmptyState title="No scored customer has a known outcome in Customer 360." />}
      {data && option && (
        <>
          <p className="muted small">
            {formatCount(data.customers)} scored customers whose lifecycle stage is known, in ten equal groups by predicted risk; observed churn is the share
            whose stage is &quot;churned&quot;. Model {data.model_versions.join(', ') || 'unknown'}. These customers include the model&apos;s training data; the
            contract&apos;s description gives the held-out figures.
          </p>
          <Chart option={option} title="Churn calibration" testId="churn-calibration-chart" height={260} />
          <table className="table numeric" data-testid="churn-calibration-table">
            <thead>
              <tr>
                <th>Decile</th>
                <th>Customers</th>
                <th>Predicted range</th>
                <th>Mean predicted</th>
                <th>Observed churn</th>
              </tr>
            </thead>
            <tbody>
              {data.deciles.map((d) => (
                <tr key={d.decile}>
                  <td>{d.decile}</td>
                  <td>{formatCount(d.customers)}</td>
                  <td>
                    {formatPercent(d.min_predicted)}–{formatPercent(d.max_predicted)}
                  </td>
                  <td>{formatPercent(d.mean_predicted)}</td>
                  <td data-testid={`churn-observed-${d.decile}`}>{formatPercent(d.observed_rate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
