import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { formatCount, formatPValue } from '../../../../shared/format';
import { Page } from '../../app/Page';
import { useUiStore } from '../../stores/ui-store';
import { NumberField } from '../../ui/NumberField';
import { EmptyState, ErrorState } from '../../ui/States';
import { SavedAnalyses } from '../analysis/SavedAnalyses';
import { useLiveRun } from '../analysis/use-live-run';
import { PowerCalculator } from './PowerCalculator';
import type { VariantResult } from './readout';
import { ResultCard } from './ResultCard';
import { experimentExportTable } from './experiment-export';
import { exportTable } from '../../ui/export-table';
import '../analysis/builders.css';

type Experiment = Awaited<ReturnType<typeof api.analysis.experiments>>['experiments'][number];
interface Metric { name: string; type: 'proportion' | 'mean'; conversion_type: string }
interface ExperimentSpec { kind: 'experiment'; experiment_id: string; control: string; window_days: number; alpha: number; cuped: boolean; metrics: Metric[] }
interface ExperimentOutput { srm: { p_value: number; flag: boolean; counts: Record<string, number> }; metrics: { name: string; variants: VariantResult[] }[] }

function defaultMetrics(conversion: string): Metric[] {
  return [
    { name: `${conversion}_rate`, type: 'proportion', conversion_type: conversion },
    { name: `${conversion}_revenue_per_user`, type: 'mean', conversion_type: conversion },
  ];
}

export function ExperimentsPage() {
  const navigate = useUiStore((s) => s.navigate);
  const routeParam = useUiStore((s) => s.param);
  const [experiments, setExperiments] = useState<Experiment[] | null>(null);
  const [types, setTypes] = useState<string[]>([]);
  const [missing, setMissing] = useState<string | null>(null);
  const [spec, setSpec] = useState<ExperimentSpec | null>(null);
  useEffect(() => {
    api.analysis.experiments({}).then(
      (r) => {
        setExperiments(r.experiments);
        // Opened from an audience ("Analyse this holdout"): that split, with the holdout as control.
        const fromAudience = routeParam ? r.experiments.find((x) => x.id === routeParam) : undefined;
        if (fromAudience) {
          setSpec({ kind: 'experiment', experiment_id: fromAudience.id, control: 'holdout', window_days: 28, alpha: 0.05, cuped: false, metrics: defaultMetrics('purchase') });
          return;
        }
        const first = r.experiments[0];
        if (first) setSpec((s) => s ?? { kind: 'experiment', experiment_id: first.id, control: first.control ?? first.variants[0]?.variant ?? 'control', window_days: 28, alpha: 0.05, cuped: false, metrics: defaultMetrics('purchase') });
      },
      (e: unknown) => setMissing(e instanceof Error ? e.message : String(e)),
    );
    api.analysis.conversionTypes({}).then((r) => setTypes(r.types.map((t) => t.type)), () => setTypes([]));
  }, []);
  const run = useLiveRun(spec, JSON.stringify(spec), (s) => api.analysis.runSpec({ spec: s }));
  const plain = useLiveRun(spec?.cuped ? { ...spec, cuped: false } : null, JSON.stringify(spec) + ':plain', (s) => api.analysis.runSpec({ spec: s }));
  const result = run.result?.result as ExperimentOutput | undefined;
  const experiment = experiments?.find((e) => e.id === spec?.experiment_id);
  const set = (patch: Partial<ExperimentSpec>) => setSpec((s) => (s ? { ...s, ...patch } : s));

  const reduction = useMemo(() => {
    const base = plain.result?.result as ExperimentOutput | undefined;
    if (!spec?.cuped || !base || !result) return new Map<string, number>();
    const width = (v?: VariantResult) => (v?.diff_ci ? v.diff_ci[1] - v.diff_ci[0] : null);
    return new Map(result.metrics.map((m, i) => {
      const w1 = width(m.variants[1]);
      const w0 = width(base.metrics[i]?.variants[1]);
      return [m.name, w1 !== null && w0 ? 1 - (w1 / w0) ** 2 : NaN] as [string, number];
    }));
  }, [plain.result, result, spec?.cuped]);

  if (missing) {
    return (
      <Page title="Experiments" testId="page-experiments">
        <EmptyState title="Experiments need Experiment assignments and Conversions." action={<button type="button" className="btn btn-primary" onClick={() => navigate('catalog')}>Open the catalog</button>} testId="experiments-empty">{missing}</EmptyState>
      </Page>
    );
  }
  return (
    <Page title="Experiments and holdouts" subtitle="Read an experiment's lift with confidence intervals; a holdout is read the same way with the holdout as control." testId="page-experiments" actions={spec ? <SavedAnalyses kind="experiment" spec={spec} onOpen={(item) => setSpec(item.spec as ExperimentSpec)} testId="exp-saved" /> : null}>
      {!experiments && <div className="skeleton" style={{ height: 200 }} />}
      {experiments && experiments.length === 0 && <EmptyState title="No experiments in the assignments extract." />}
      {spec && experiment && (
        <div className="builder">
          <div className="card builder-controls" data-testid="exp-controls">
            <label className="field">Experiment
              <select value={spec.experiment_id} data-testid="exp-id" onChange={(e) => { const x = experiments!.find((q) => q.id === e.target.value)!; set({ experiment_id: x.id, control: x.control ?? x.variants[0]!.variant }); }}>
                {experiments!.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
              </select>
            </label>
            {experiment.hypothesis && <p className="muted small">{experiment.hypothesis}</p>}
            <table className="table"><tbody>{experiment.variants.map((v) => <tr key={v.variant}><td>{v.variant}</td><td>{formatCount(v.users)} users</td></tr>)}</tbody></table>
            <label className="field">Control (or holdout)
              <select value={spec.control} data-testid="exp-control" onChange={(e) => set({ control: e.target.value })}>
                {experiment.variants.map((v) => <option key={v.variant}>{v.variant}</option>)}
              </select>
            </label>
            <NumberField label="Window after assignment (days)" min={1} max={365} integer unit="days" value={spec.window_days} testId="exp-window" onChange={(v) => v !== undefined && set({ window_days: v })} />
            <label className="field">Significance level (alpha)
              <select value={spec.alpha} onChange={(e) => set({ alpha: Number(e.target.value) })} data-testid="exp-alpha">
                {[0.01, 0.05, 0.1].map((a) => <option key={a} value={a}>{a} ({Math.round((1 - a) * 100)}% confidence)</option>)}
              </select>
            </label>
            <label className="field-inline"><input type="checkbox" checked={spec.cuped} onChange={(e) => set({ cuped: e.target.checked })} data-testid="exp-cuped" />CUPED (use pre-period behaviour to reduce variance)</label>
            <label className="field">Conversion for the metrics
              <select value={spec.metrics[0]?.conversion_type ?? 'purchase'} data-testid="exp-conversion" onChange={(e) => set({ metrics: defaultMetrics(e.target.value) })}>
                {(types.length ? types : ['purchase']).map((t) => <option key={t}>{t}</option>)}
              </select>
            </label>
          </div>
          <div className="builder-results">
            <div className="run-status" data-testid="exp-status" data-running={run.running}>{run.running ? 'Updating…' : run.result ? `Computed in ${run.result.ms} ms` : ''}</div>
            {result && (
              <div className="row">
                <button type="button" className="btn" data-testid="exp-export-csv" onClick={() => void exportTable(experimentExportTable(spec.experiment_id, result.metrics), `experiment-${spec.experiment_id}`, 'csv')}>Export CSV</button>
                <button type="button" className="btn" data-testid="exp-export-parquet" onClick={() => void exportTable(experimentExportTable(spec.experiment_id, result.metrics), `experiment-${spec.experiment_id}`, 'parquet')}>Export Parquet</button>
              </div>
            )}
            {run.error && <ErrorState title="This analysis cannot run" message={run.error.message} />}
            {result?.srm.flag && (
              <div className="banner banner-bad" role="alert" data-testid="exp-srm">
                <strong>Sample ratio mismatch ({formatPValue(result.srm.p_value)}).</strong> The variant counts ({Object.entries(result.srm.counts).map(([k, v]) => `${k} ${formatCount(v)}`).join(', ')}) are not the split the experiment was designed for, so assignment is broken and the lifts below cannot be trusted. Fix the assignment before reading the results.
              </div>
            )}
            {result && !result.srm.flag && <p className="muted small" data-testid="exp-srm-ok">Sample ratio check passed (p = {result.srm.p_value.toFixed(3)}).</p>}
            {result?.metrics.map((m) => (
              <ResultCard key={m.name} name={m.name} unit={spec.metrics.find((x) => x.name === m.name)?.type === 'mean' ? 'currency' : 'percent'} variants={m.variants} alpha={spec.alpha} varianceReduction={spec.cuped ? (reduction.get(m.name) ?? null) : null} blocked={result.srm.flag} />
            ))}
            <PowerCalculator conversionTypes={types.length ? types : ['purchase']} asOf={experiment.start_at ?? new Date().toISOString()} />
          </div>
        </div>
      )}
    </Page>
  );
}
