import { useMemo, useState } from 'react';
import { useApiQuery } from '../../api/queries';
import { formatCount, formatDate, formatPValue, pluralize } from '../../../../shared/format';
import { Page } from '../../app/Page';
import { useUiStore } from '../../stores/ui-store';
import { NumberField } from '../../ui/NumberField';
import { EmptyState, ErrorState } from '../../ui/States';
import { SavedAnalyses } from '../analysis/SavedAnalyses';
import { useDraft } from '../analysis/use-draft';
import { useSpecRun } from '../analysis/use-spec-run';
import { DimensionBreakdown, type DimensionGroup } from './DimensionBreakdown';
import { ExperimentHeader } from './ExperimentHeader';
import { designedSplit, metricLabel, specFor, updateMetric, varianceReduction, withDefaults, type ExperimentSpec } from './experiment-spec';
import { ForestPanel } from './ForestPanel';
import { PowerCalculator } from './PowerCalculator';
import { dataCoverage } from './progress';
import type { Correction, Engine, VariantResult } from './readout';
import { ResultCard, type MetricResult } from './ResultCard';
import { experimentExportTable } from './experiment-export';
import { exportTable } from '../../ui/export-table';
import '../analysis/builders.css';
import './experiments.css';

interface ExperimentOutput {
  srm: { p_value: number; flag: boolean; counts: Record<string, number> };
  metrics: MetricResult[];
  dimensions?: DimensionGroup[];
}

const ENGINES: { id: Engine; label: string }[] = [
  { id: 'frequentist', label: 'Frequentist' },
  { id: 'sequential', label: 'Sequential' },
  { id: 'bayesian', label: 'Bayesian' },
];
const CORRECTIONS: { id: Correction; label: string }[] = [
  { id: 'none', label: 'None' },
  { id: 'holm', label: 'Holm' },
  { id: 'bh', label: 'Benjamini-Hochberg' },
];

export function ExperimentsPage() {
  const navigate = useUiStore((s) => s.navigate);
  const routeParam = useUiStore((s) => s.param);
  // Asked again each time the screen opens: "Analyse this holdout" adds an experiment and opens this screen on it.
  const experimentsQuery = useApiQuery('analysis', 'experiments', {}, { refetchOnMount: 'always' });
  const experiments = experimentsQuery.data?.experiments ?? null;
  const missing = experimentsQuery.error?.message ?? null;
  // Without pick lists the builder still works: the conversion defaults to purchase and there is no breakdown.
  const typesQuery = useApiQuery('analysis', 'conversionTypes', {});
  const types = useMemo(() => typesQuery.data?.types.map((t) => t.type) ?? [], [typesQuery.data]);
  const columnsQuery = useApiQuery('analysis', 'customerColumns', {});
  const columns = useMemo(
    () => columnsQuery.data?.columns.filter((c) => c.kind === 'string' || c.kind === 'boolean').map((c) => c.name) ?? [],
    [columnsQuery.data],
  );
  // Opened from an audience ("Analyse this holdout"): that split, with the holdout as control.
  const fromAudience = routeParam ? experiments?.find((x) => x.id === routeParam) : undefined;
  const initialSpec = useMemo(() => {
    const first = fromAudience ?? experiments?.[0];
    return first ? specFor({ ...first, control: fromAudience ? 'holdout' : first.control }) : null;
  }, [fromAudience, experiments]);
  const [spec, setSpec] = useDraft<ExperimentSpec | null>(initialSpec, fromAudience ? fromAudience.id : null);
  const [dimension, setDimension] = useState<string | undefined>(undefined);
  const [targetLift, setTargetLift] = useState<number | undefined>(5);
  const experiment = experiments?.find((e) => e.id === spec?.experiment_id);
  const coverage =
    experiment && spec
      ? dataCoverage(experiment.first_assigned_at, experiment.last_assigned_at, experiment.data_end, spec.window_days)
      : { kind: 'ok' as const };
  // Nothing to measure when the conversions end before (or right at) the assignment: the arms
  // and their users are shown, with why there is no result, instead of 0% and empty intervals.
  const readable = coverage.kind === 'ok' || coverage.kind === 'partial';
  const runSpec = spec;
  const run = useSpecRun(runSpec);
  const plainSpec = readable && runSpec?.cuped ? { ...runSpec, cuped: false } : null;
  const plain = useSpecRun(plainSpec);
  const dimSpec = readable && runSpec && dimension ? { ...runSpec, dimension } : null;
  const dim = useSpecRun(dimSpec);
  const result = run.result?.result as ExperimentOutput | undefined;
  const set = (patch: Partial<ExperimentSpec>) => setSpec((s) => (s ? { ...s, ...patch } : s));

  const reductions = useMemo(() => {
    const base = plain.result?.result as ExperimentOutput | undefined;
    const out = new Map<string, Map<string, number | null>>();
    if (!spec?.cuped || !base || !result) return out;
    for (const m of result.metrics) {
      const b = base.metrics.find((x) => x.name === m.name);
      out.set(
        m.name,
        new Map(m.variants.slice(1).map((v) => [v.variant, varianceReduction(v.diff_ci, b?.variants.find((x) => x.variant === v.variant)?.diff_ci)])),
      );
    }
    return out;
  }, [plain.result, result, spec?.cuped]);

  if (missing) {
    return (
      <Page title="Experiments" testId="page-experiments">
        <EmptyState
          title="Experiments need Experiment assignments and Conversions."
          action={
            <button type="button" className="btn btn-primary" onClick={() => navigate('catalog')}>
              Open the catalog
            </button>
          }
          testId="experiments-empty"
        >
          {missing}
        </EmptyState>
      </Page>
    );
  }
  const comparisons = result ? result.metrics.reduce((n, m) => n + m.variants.slice(1).filter((v) => typeof v.p_value === 'number').length, 0) : 0;
  const ctx = spec ? { alpha: spec.alpha, engine: spec.engine, correction: spec.correction, comparisons } : null;
  // The registry's primary metric where the spec reads it, else the first metric.
  const primaryName = spec?.metrics.find((m) => m.name === experiment?.primary_metric)?.name ?? spec?.metrics[0]?.name ?? '';
  const primaryResult = result?.metrics.find((m) => m.name === primaryName);
  const primary =
    primaryResult && primaryResult.variants.length > 1 ? ([primaryResult.variants[0]!, primaryResult.variants[1]!] as [VariantResult, VariantResult]) : null;
  const splitText = (split: Record<string, number> | undefined) => {
    if (!split) return 'equal shares';
    const total = Object.values(split).reduce((a, b) => a + b, 0);
    return Object.entries(split)
      .map(([k, v]) => `${k} ${Math.round((v / total) * 1000) / 10}%`)
      .join(', ');
  };
  return (
    <Page
      reads={['experiment_assignments', 'conversions', 'experiments']}
      title="Experiments and holdouts"
      subtitle="Read an experiment's lift with confidence intervals; a holdout is read the same way with the holdout as control."
      testId="page-experiments"
      actions={
        spec ? <SavedAnalyses kind="experiment" spec={spec} onOpen={(item) => setSpec(withDefaults(item.spec as ExperimentSpec))} testId="exp-saved" /> : null
      }
    >
      {!experiments && <div className="skeleton" style={{ height: 200 }} />}
      {experiments && experiments.length === 0 && <EmptyState title="No experiments in the assignments extract." />}
      {spec && experiment && ctx && (
        <div className="builder">
          <div className="card builder-controls" data-testid="exp-controls">
            <label className="field">
              Experiment
              <select
                value={spec.experiment_id}
                data-testid="exp-id"
                onChange={(e) => {
                  const x = experiments!.find((q) => q.id === e.target.value)!;
                  setSpec({
                    ...specFor(x),
                    engine: spec.engine,
                    correction: spec.correction,
                    alpha: spec.alpha,
                    window_days: spec.window_days,
                    cuped: spec.cuped,
                    metrics: spec.metrics,
                  });
                }}
              >
                {experiments!.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            </label>
            {experiment.hypothesis && <p className="muted small">{experiment.hypothesis}</p>}
            <table className="table">
              <tbody>
                {experiment.variants.map((v) => (
                  <tr key={v.variant}>
                    <td>{v.variant}</td>
                    <td>{pluralize(v.users, 'user')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <label className="field">
              Control (or holdout)
              <select
                value={spec.control}
                data-testid="exp-control"
                onChange={(e) => {
                  const split = designedSplit(experiment, e.target.value);
                  setSpec({ ...spec, control: e.target.value, expected_split: split });
                }}
              >
                {experiment.variants.map((v) => (
                  <option key={v.variant}>{v.variant}</option>
                ))}
              </select>
            </label>
            <p className="muted small" data-testid="exp-design">
              Designed split: {splitText(spec.expected_split)}
              {experiment.expected_split ? '' : ' (no design recorded)'}.
            </p>
            <fieldset className="checks">
              <legend>Statistics engine</legend>
              <div className="segmented exp-engines" role="group" aria-label="Statistics engine">
                {ENGINES.map((e) => (
                  <button
                    key={e.id}
                    type="button"
                    className={spec.engine === e.id ? 'btn btn-primary' : 'btn'}
                    aria-pressed={spec.engine === e.id}
                    data-testid={`exp-engine-${e.id}`}
                    onClick={() => set({ engine: e.id })}
                  >
                    {e.label}
                  </button>
                ))}
              </div>
              <span className="muted small">
                {spec.engine === 'frequentist'
                  ? 'Fixed-horizon t-test: read it once, at the planned end.'
                  : spec.engine === 'sequential'
                    ? 'Always-valid intervals: safe to look every day; wider than a fixed-horizon test.'
                    : 'Chance to win and the risk of each choice, from a posterior on the relative lift.'}
              </span>
            </fieldset>
            <label className="field">
              Multiple comparisons
              <select value={spec.correction} data-testid="exp-correction" onChange={(e) => set({ correction: e.target.value as Correction })}>
                {CORRECTIONS.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
            <NumberField
              label="Window after assignment (days)"
              min={1}
              max={365}
              integer
              unit="days"
              value={spec.window_days}
              testId="exp-window"
              onChange={(v) => v !== undefined && set({ window_days: v })}
            />
            <label className="field">
              Significance level (alpha)
              <select value={spec.alpha} onChange={(e) => set({ alpha: Number(e.target.value) })} data-testid="exp-alpha">
                {[0.01, 0.05, 0.1].map((a) => (
                  <option key={a} value={a}>
                    {a} ({Math.round((1 - a) * 100)}% confidence)
                  </option>
                ))}
              </select>
            </label>
            <label className="field-inline">
              <input type="checkbox" checked={spec.cuped} onChange={(e) => set({ cuped: e.target.checked })} data-testid="exp-cuped" />
              CUPED (use pre-period behaviour to reduce variance)
            </label>
            <label className="field">
              Conversion for the metrics
              <select
                value={spec.metrics[0] && 'conversion_type' in spec.metrics[0] ? spec.metrics[0].conversion_type : 'purchase'}
                data-testid="exp-conversion"
                onChange={(e) => set({ metrics: specFor(experiment, e.target.value).metrics })}
              >
                {(types.length ? types : ['purchase']).map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            </label>
          </div>
          <div className="builder-results">
            <ExperimentHeader
              status={experiment.status}
              timeline={{ start_at: experiment.start_at ?? experiment.first_assigned_at, end_at: experiment.end_at, data_end: experiment.data_end }}
              primary={readable ? primary : null}
              primaryName={metricLabel(primaryName)}
              alpha={spec.alpha}
              engine={spec.engine}
              tuning={5000}
              targetLift={targetLift}
              onTargetLift={setTargetLift}
            />
            <div className="run-status" data-testid="exp-status" data-running={run.running}>
              {run.running ? 'Updating…' : run.result ? `Computed in ${run.result.ms} ms` : ''}
            </div>
            {result && (
              <div className="row">
                <button
                  type="button"
                  className="btn"
                  data-testid="exp-export-csv"
                  onClick={() => void exportTable(experimentExportTable(spec.experiment_id, result.metrics), `experiment-${spec.experiment_id}`, 'csv')}
                >
                  Export CSV
                </button>
                <button
                  type="button"
                  className="btn"
                  data-testid="exp-export-parquet"
                  onClick={() => void exportTable(experimentExportTable(spec.experiment_id, result.metrics), `experiment-${spec.experiment_id}`, 'parquet')}
                >
                  Export Parquet
                </button>
              </div>
            )}
            {coverage.kind === 'no_data' && (
              <div className="exp-banner exp-banner-warn" role="alert" data-testid="exp-coverage">
                There are no conversions on this laptop yet, so there is nothing to measure. Pull Conversions from the catalog.
              </div>
            )}
            {(coverage.kind === 'before_start' || coverage.kind === 'too_short') && (
              <div className="exp-banner exp-banner-warn" role="alert" data-testid="exp-coverage">
                The Conversions extract ends on {formatDate(coverage.dataEnd)}, {coverage.kind === 'before_start' ? 'before' : 'less than a day after'}{' '}
                {experiment.source === 'audience' ? 'the activation' : 'the first assignment'} on {formatDate(coverage.firstAssigned)}, so nobody has had time
                to convert yet. Refresh Conversions from the catalog once the mesh has data from after that date; until then there is no result to read: below
                are only the arms and their users.
              </div>
            )}
            {coverage.kind === 'partial' && (
              <div className="exp-banner exp-banner-warn" data-testid="exp-coverage">
                The Conversions extract ends on {formatDate(coverage.dataEnd)}: users assigned last have only {pluralize(coverage.coveredDays, 'day')} of their{' '}
                {pluralize(coverage.windowDays, 'day')} window in it, so their conversions are under-counted. Refresh Conversions or shorten the window to read
                complete windows.
              </div>
            )}
            {run.error && <ErrorState title="This analysis cannot run" message={run.error.message} />}
            {result?.srm.flag && (
              <div className="exp-banner exp-banner-bad" role="alert" data-testid="exp-srm">
                <strong>Sample ratio mismatch ({formatPValue(result.srm.p_value)}).</strong> The variant counts (
                {Object.entries(result.srm.counts)
                  .map(([k, v]) => `${k} ${formatCount(v)}`)
                  .join(', ')}
                ) are not the split the experiment was designed for ({splitText(spec.expected_split)}), so assignment is broken and the lifts below cannot be
                trusted. Fix the assignment before reading the results.
              </div>
            )}
            {result && !result.srm.flag && (
              <p className="muted small" data-testid="exp-srm-ok">
                Sample ratio check passed against the designed split ({splitText(spec.expected_split)}; {formatPValue(result.srm.p_value)}).
              </p>
            )}
            {result && spec.correction !== 'none' && (
              <p className="muted small" data-testid="exp-correction-note">
                {spec.engine === 'bayesian'
                  ? `A ${CORRECTIONS.find((c) => c.id === spec.correction)!.label} correction adjusts p-values; the Bayesian readout has none, so it is not affected. Switch to the frequentist or sequential engine to read adjusted p-values.`
                  : `${CORRECTIONS.find((c) => c.id === spec.correction)!.label} correction over ${pluralize(comparisons, 'comparison')} (every metric and arm): a result counts as clear only if its adjusted p-value (of the difference) is at most ${spec.alpha}.`}
              </p>
            )}
            {readable && result && !result.srm.flag && <ForestPanel metrics={spec.metrics} results={result.metrics} ctx={ctx} />}
            {result?.metrics.map((m) => {
              const metric = spec.metrics.find((x) => x.name === m.name);
              if (!metric) return null;
              return (
                <ResultCard
                  key={m.name}
                  metric={metric}
                  result={m}
                  ctx={ctx}
                  reduction={spec.cuped ? reductions.get(m.name) : undefined}
                  blocked={result.srm.flag}
                  unreadable={!readable}
                  onChange={(patch) => setSpec((s) => (s ? updateMetric(s, m.name, patch) : s))}
                />
              );
            })}
            {readable && result && !result.srm.flag && (
              <DimensionBreakdown
                columns={columns}
                dimension={dimension}
                onDimension={setDimension}
                groups={(dim.result?.result as ExperimentOutput | undefined)?.dimensions ?? null}
                metrics={spec.metrics}
                ctx={ctx}
                running={dim.running}
                error={dim.error?.message ?? null}
              />
            )}
            <PowerCalculator conversionTypes={types.length ? types : ['purchase']} asOf={experiment.start_at ?? new Date().toISOString()} />
          </div>
        </div>
      )}
    </Page>
  );
}
