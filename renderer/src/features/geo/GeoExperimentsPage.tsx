import { useMemo, useState } from 'react';
import type { MeshworkApi } from '../../../../shared/ipc/contract';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { formatByUnit, formatCurrency, formatDecimal, formatPercent, formatRatio, formatSignedPercent } from '../../../../shared/format';
import { Page } from '../../app/Page';
import { useUiStore } from '../../stores/ui-store';
import { Chart } from '../../ui/Chart';
import { NumberField } from '../../ui/NumberField';
import { EmptyState, ErrorState } from '../../ui/States';
import { SavedAnalyses } from '../analysis/SavedAnalyses';
import { useDraft } from '../analysis/use-draft';
import { useSpecRun } from '../analysis/use-spec-run';
import { counterfactualChart, cumulativeChart } from './geo-charts';
import { fitWarning, geoReadout } from './geo-readout';
import type { GeoPlanResult } from '../../../../shared/analysis/geo/plan-geo-test';
import type { GeoExperimentResult as GeoResult } from '../../../../shared/analysis/geo/run-geo-experiment';
import type { GeoExperimentSpec as GeoSpec } from '../../../../shared/specs/geo-experiment-spec';
import '../analysis/builders.css';

type GeoInfo = Awaited<ReturnType<MeshworkApi['analysis']['geoTests']>>;

/** The day `n` days after a YYYY-MM-DD date. */
function shift(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function sameDesign(t: GeoInfo['tests'][number], spec: GeoSpec): boolean {
  const key = (geos: readonly string[]) => [...geos].sort().join(',');
  return (
    key(t.treatment_geos) === key(spec.treatment_geos) && t.pre_period.join() === spec.pre_period.join() && t.test_period.join() === spec.test_period.join()
  );
}

/** A first design when the registry lists no geo test: the last four weeks as test, the twelve before as pre-period. */
function defaultSpec(info: GeoInfo): GeoSpec | null {
  const test = info.tests[0];
  if (test)
    return {
      kind: 'geo_experiment',
      metric: 'revenue',
      method: 'tbr',
      treatment_geos: test.treatment_geos,
      control_geos: null,
      pre_period: test.pre_period,
      test_period: test.test_period,
      alpha: 0.1,
      spend_metric: 'spend',
    };
  const last = info.last_date;
  const first = info.geos[0];
  if (!last || !first) return null;
  return {
    kind: 'geo_experiment',
    metric: 'revenue',
    method: 'tbr',
    treatment_geos: [first.geo_id],
    control_geos: null,
    pre_period: [shift(last, -111), shift(last, -28)],
    test_period: [shift(last, -27), last],
    alpha: 0.1,
    spend_metric: 'spend',
  };
}

function Planner({ spec, firstDate }: { spec: GeoSpec; firstDate: string }) {
  const [duration, setDuration] = useState<number | undefined>(28);
  // The expected lift is typed in percent and kept as a fraction.
  const [expectedPct, setExpectedPct] = useState<number | undefined>(5);
  const expected = (expectedPct ?? 0) / 100;
  // Run when asked (a backtest takes a while): the answer, its error and the spec it answers belong to the last run.
  const planRun = useApiMutation('analysis', 'runSpec');
  const plan = (planRun.data?.result ?? null) as GeoPlanResult | null;
  const error = planRun.error?.message ?? null;
  const running = planRun.isPending;
  const ran = planRun.variables?.spec ?? null;
  const backtest = () => {
    if (duration === undefined || expectedPct === undefined) return;
    // History up to the test's start, so the test being read never counts as noise.
    const history: [string, string] = [firstDate, shift(spec.test_period[0], -1)];
    const planSpec = {
      kind: 'geo_plan' as const,
      metric: spec.metric,
      treatment_geos: spec.treatment_geos,
      control_geos: null,
      history,
      duration_days: duration,
      expected_lift: expected,
      alpha: spec.alpha,
    };
    planRun.mutate({ spec: planSpec });
  };
  return (
    <div className="card" data-testid="geo-planner">
      <h2>Plan a test in these geos</h2>
      <p className="muted small">
        Backtests the readout over every {duration}-day window of the history before this test (TBR, {Math.round((1 - spec.alpha) * 100)}% interval, 80% power).
      </p>
      <div className="row">
        <NumberField label="Duration (days)" min={7} max={365} integer unit="days" value={duration} onChange={setDuration} testId="geo-plan-duration" />
        <NumberField label="Expected lift (%)" min={0.1} max={1000} unit="%" value={expectedPct} onChange={setExpectedPct} testId="geo-plan-lift" />
        <button
          type="button"
          className="btn"
          onClick={backtest}
          disabled={running || duration === undefined || expectedPct === undefined}
          data-testid="geo-plan-run"
        >
          {running ? 'Backtesting…' : 'Backtest'}
        </button>
      </div>
      {error && <ErrorState title="The plan cannot run" message={error} />}
      {plan && (
        <p className="readout" data-testid="geo-plan-readout" data-mde={plan.mde ?? ''} data-power={plan.detection_probability} data-spec={JSON.stringify(ran)}>
          Over {plan.windows} backtest windows the smallest lift detected 80% of the time is {plan.mde === null ? 'not reached' : formatPercent(plan.mde)}
          {plan.mde_effect !== null
            ? ` (${formatByUnit(plan.mde_effect, spec.metric === 'revenue' ? 'currency' : 'count', { compact: true })} over the test)`
            : ''}
          ; a {formatPercent(expected)} lift would be detected in {formatPercent(plan.detection_probability)} of them. With no effect,{' '}
          {formatPercent(plan.false_positive_rate)} of windows showed one (about {formatPercent(spec.alpha)} is expected).
        </p>
      )}
    </div>
  );
}

export function GeoExperimentsPage() {
  const navigate = useUiStore((s) => s.navigate);
  const infoQuery = useApiQuery('analysis', 'geoTests', {}, { refetchOnMount: 'always' });
  const info = infoQuery.data ?? null;
  const missing = infoQuery.error?.message ?? null;
  const initialSpec = useMemo(() => (info ? defaultSpec(info) : null), [info]);
  const [spec, setSpec] = useDraft<GeoSpec | null>(initialSpec);
  const run = useSpecRun(spec);
  const result = run.result?.result as GeoResult | undefined;
  const set = (patch: Partial<GeoSpec>) => setSpec((s) => (s ? { ...s, ...patch } : s));
  // The registry's test this design is (same geos and periods), wherever the design came from: its channel names the readout.
  const test = info?.tests.find((t) => spec !== null && sameDesign(t, spec));
  const counterfactual = useMemo(() => (result ? counterfactualChart(result) : null), [result]);
  const cumulative = useMemo(() => (result ? cumulativeChart(result) : null), [result]);
  const weights = useMemo(
    () =>
      Object.entries(result?.weights ?? {})
        .filter(([, w]) => w > 0.0005)
        .sort((a, b) => b[1] - a[1]),
    [result],
  );

  if (missing) {
    return (
      <Page title="Geo tests" testId="page-geo">
        <EmptyState
          title="Geo tests need Geo Sales."
          action={
            <button type="button" className="btn btn-primary" onClick={() => navigate('catalog')}>
              Open the catalog
            </button>
          }
          testId="geo-empty"
        >
          {missing}
        </EmptyState>
      </Page>
    );
  }
  const unit = spec?.metric === 'revenue' ? 'currency' : 'count';
  const warning = result ? fitWarning(result.pre_fit) : null;
  const level = spec ? `${Math.round((1 - spec.alpha) * 100)}%` : '';
  return (
    <Page
      reads={['geo_sales']}
      title="Geo tests"
      subtitle="Read a geo experiment against a counterfactual built from the other geos (time-based regression or synthetic control)."
      testId="page-geo"
      actions={spec ? <SavedAnalyses kind="geo_experiment" spec={spec} onOpen={(item) => setSpec(item.spec as GeoSpec)} testId="geo-saved" /> : null}
    >
      {!info && <div className="skeleton" style={{ height: 200 }} />}
      {info && !spec && <EmptyState title="Geo Sales has no rows to analyse." />}
      {info && spec && (
        <div className="builder">
          <div className="card builder-controls" data-testid="geo-controls">
            <label className="field">
              Geo test
              <select
                value={test?.id ?? ''}
                data-testid="geo-test"
                onChange={(e) => {
                  const t = info.tests.find((x) => x.id === e.target.value);
                  if (t) setSpec((s) => (s ? { ...s, treatment_geos: t.treatment_geos, pre_period: t.pre_period, test_period: t.test_period } : s));
                }}
              >
                {info.tests.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
                <option value="">Custom design</option>
              </select>
            </label>
            {test?.hypothesis && <p className="muted small">{test.hypothesis}</p>}
            <label className="field">
              Method
              <select value={spec.method} data-testid="geo-method" onChange={(e) => setSpec({ ...spec, method: e.target.value as GeoSpec['method'] })}>
                <option value="tbr">Time-based regression</option>
                <option value="synthetic_control">Synthetic control</option>
              </select>
            </label>
            <label className="field">
              Metric
              <select value={spec.metric} data-testid="geo-metric" onChange={(e) => setSpec({ ...spec, metric: e.target.value as GeoSpec['metric'] })}>
                <option value="revenue">Revenue</option>
                <option value="orders">Orders</option>
              </select>
            </label>
            <label className="field">
              Test geos ({spec.treatment_geos.length}; every other geo is control)
              <select
                multiple
                size={8}
                value={spec.treatment_geos}
                data-testid="geo-treatment"
                onChange={(e) => {
                  const chosen = [...e.target.selectedOptions].map((o) => o.value);
                  if (chosen.length > 0 && chosen.length < info.geos.length) set({ treatment_geos: chosen });
                }}
              >
                {info.geos.map((g) => (
                  <option key={g.geo_id} value={g.geo_id}>
                    {g.geo_id} {g.geo_name ?? ''}
                  </option>
                ))}
              </select>
            </label>
            <div className="row">
              <label className="field">
                Pre-period from
                <input
                  type="date"
                  value={spec.pre_period[0]}
                  data-testid="geo-pre-from"
                  onChange={(e) => e.target.value && set({ pre_period: [e.target.value, spec.pre_period[1]] })}
                />
              </label>
              <label className="field">
                to
                <input
                  type="date"
                  value={spec.pre_period[1]}
                  data-testid="geo-pre-to"
                  onChange={(e) => e.target.value && set({ pre_period: [spec.pre_period[0], e.target.value] })}
                />
              </label>
            </div>
            <div className="row">
              <label className="field">
                Test from
                <input
                  type="date"
                  value={spec.test_period[0]}
                  data-testid="geo-test-from"
                  onChange={(e) => e.target.value && set({ test_period: [e.target.value, spec.test_period[1]] })}
                />
              </label>
              <label className="field">
                to
                <input
                  type="date"
                  value={spec.test_period[1]}
                  data-testid="geo-test-to"
                  onChange={(e) => e.target.value && set({ test_period: [spec.test_period[0], e.target.value] })}
                />
              </label>
            </div>
            <label className="field">
              Interval
              <select value={spec.alpha} data-testid="geo-alpha" onChange={(e) => setSpec({ ...spec, alpha: Number(e.target.value) })}>
                {[0.05, 0.1, 0.2].map((a) => (
                  <option key={a} value={a}>
                    {Math.round((1 - a) * 100)}% (alpha {a})
                  </option>
                ))}
              </select>
            </label>
            <label className="field-inline">
              <input
                type="checkbox"
                checked={spec.spend_metric !== null}
                data-testid="geo-spend"
                onChange={(e) => setSpec({ ...spec, spend_metric: e.target.checked ? 'spend' : null })}
              />
              Incremental spend and iROAS
            </label>
          </div>
          <div className="builder-results">
            <div className="run-status" data-testid="geo-status" data-running={run.running}>
              {run.running ? 'Updating…' : run.result ? `Computed in ${run.result.ms} ms` : ''}
            </div>
            {run.error && <ErrorState title="This analysis cannot run" message={run.error.message} />}
            {result && (
              <div
                className="card"
                data-testid="geo-result"
                data-effect={result.effect}
                data-ci={result.effect_ci ? result.effect_ci.join(',') : ''}
                data-lift={result.rel_lift ?? ''}
                data-iroas={result.iroas ?? ''}
                data-p={result.p_value ?? ''}
              >
                {warning && (
                  <div className="banner banner-warn" role="alert" data-testid="geo-fit-warning">
                    {warning}
                  </div>
                )}
                <p className="readout" data-testid="geo-readout">
                  {geoReadout({ ...result, channel: test?.channel ?? null })}
                </p>
                <table className="table numeric" data-testid="geo-table">
                  <tbody>
                    <tr>
                      <td>Effect</td>
                      <td>{formatByUnit(result.effect, unit)}</td>
                    </tr>
                    <tr>
                      <td>{level} interval</td>
                      <td>{result.effect_ci ? `${formatByUnit(result.effect_ci[0], unit)} to ${formatByUnit(result.effect_ci[1], unit)}` : '—'}</td>
                    </tr>
                    <tr>
                      <td>Relative lift</td>
                      <td>{formatSignedPercent(result.rel_lift)}</td>
                    </tr>
                    <tr>
                      <td>Actual / counterfactual</td>
                      <td>
                        {formatByUnit(result.actual, unit)} / {formatByUnit(result.counterfactual, unit)}
                      </td>
                    </tr>
                    {result.incremental_spend !== null && (
                      <tr>
                        <td>Incremental spend</td>
                        <td>{formatCurrency(result.incremental_spend)}</td>
                      </tr>
                    )}
                    {result.incremental_spend !== null && (
                      <tr>
                        <td>iROAS ({spec.metric} per dollar)</td>
                        <td>{spec.metric === 'revenue' ? formatRatio(result.iroas) : formatDecimal(result.iroas, true)}</td>
                      </tr>
                    )}
                    {result.method === 'synthetic_control' && (
                      <tr>
                        <td>Placebo p-value</td>
                        <td>{result.p_value === null ? '—' : formatDecimal(result.p_value, true)}</td>
                      </tr>
                    )}
                    <tr>
                      <td>Pre-period fit</td>
                      <td>
                        R² {formatDecimal(result.pre_fit.r2, true)}, MAPE {formatPercent(result.pre_fit.mape)}
                      </td>
                    </tr>
                  </tbody>
                </table>
              </div>
            )}
            {result && counterfactual && (
              <Chart option={counterfactual} title="Test geos against their counterfactual" testId="geo-counterfactual-chart" height={340} />
            )}
            {result && cumulative && <Chart option={cumulative} title="Cumulative effect" testId="geo-cumulative-chart" height={260} />}
            {result?.method === 'synthetic_control' && (
              <div className="card" data-testid="geo-weights">
                <h2>Synthetic control weights</h2>
                <table className="table numeric">
                  <thead>
                    <tr>
                      <th>Control geo</th>
                      <th>Weight</th>
                    </tr>
                  </thead>
                  <tbody>
                    {weights.map(([g, w]) => (
                      <tr key={g}>
                        <td>{g}</td>
                        <td>{formatPercent(w)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p className="muted small">{(result.control_geos.length - weights.length).toLocaleString('en-US')} other control geos have no weight.</p>
              </div>
            )}
            {info.first_date && <Planner spec={spec} firstDate={info.first_date} />}
          </div>
        </div>
      )}
    </Page>
  );
}
