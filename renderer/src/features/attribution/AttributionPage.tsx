import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { AttributionOutput } from '../../../../shared/specs/attribution-spec';
import { Page } from '../../app/Page';
import { useUiStore } from '../../stores/ui-store';
import { EmptyState, ErrorState } from '../../ui/States';
import { SavedAnalyses } from '../analysis/SavedAnalyses';
import { useLiveRun } from '../analysis/use-live-run';
import { AttributionControls } from './AttributionControls';
import { AttributionResults } from './AttributionResults';
import { CalibrationPanel } from './CalibrationPanel';
import { DEFAULT_FORM, fromSpec, toSpec, type AttributionForm } from './attribution-form';
import { PathsPanel } from './PathsPanel';
import { SensitivityPanel } from './SensitivityPanel';
import '../analysis/builders.css';

export function AttributionPage() {
  const navigate = useUiStore((s) => s.navigate);
  const [form, setForm] = useState<AttributionForm>(DEFAULT_FORM);
  const [types, setTypes] = useState<{ type: string; count: number }[] | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  useEffect(() => {
    api.analysis.conversionTypes({}).then(
      (r) => {
        setTypes(r.types);
        // Keep the form's conversion type if the data has it, else take the most common one.
        setForm((f) => (r.types.length > 0 && !r.types.some((t) => t.type === f.conversion_type) ? { ...f, conversion_type: r.types[0]!.type } : f));
      },
      (e: unknown) => setMissing(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  const spec = useMemo(() => toSpec(form), [form]);
  const ready = types !== null && form.models.length > 0 && form.interactions.length > 0;
  const run = useLiveRun(ready ? spec : null, JSON.stringify(spec), (s) => api.analysis.runSpec({ spec: s }));
  const result = run.result?.result as AttributionOutput | undefined;
  const pathsInput = ready ? { conversion_type: form.conversion_type, lookback_days: form.lookback_days, interactions: form.interactions } : null;

  if (missing) {
    return (
      <Page title="Attribution" testId="page-attribution">
        <EmptyState
          title="Attribution needs Touchpoints and Conversions."
          action={
            <button type="button" className="btn btn-primary" onClick={() => navigate('catalog')}>
              Open the catalog
            </button>
          }
          testId="attribution-empty"
        >
          {missing}
        </EmptyState>
      </Page>
    );
  }
  return (
    <Page
      reads={['touchpoints', 'conversions']}
      title="Attribution"
      subtitle="Compare how models share the credit for conversions between channels. Results update as you change anything."
      testId="page-attribution"
      actions={<SavedAnalyses kind="attribution" spec={spec} onOpen={(item) => setForm(fromSpec(item.spec))} testId="attr-saved" />}
    >
      <div className="builder">
        <AttributionControls form={form} types={types ?? []} onChange={(patch) => setForm((f) => ({ ...f, ...patch }))} />
        <div className="builder-results">
          <div className="run-status" data-testid="attr-status" data-running={run.running}>
            {run.running ? 'Updating…' : run.result ? `Computed in ${run.result.ms} ms` : ''}
          </div>
          {form.models.length === 0 && <EmptyState title="Pick at least one model to compare." />}
          {form.interactions.length === 0 && <EmptyState title="Pick at least one interaction type: a path is made of them." />}
          {run.error && <ErrorState title="This comparison cannot run" message={run.error.message} />}
          {result && <AttributionResults result={result} />}
          {!result && !run.error && ready && <div className="skeleton" style={{ height: 380 }} />}
          {ready && (
            <CalibrationPanel
              attribution={spec}
              channels={result?.models[0]?.channels.map((c) => c.channel).filter((c) => c !== '(unattributed)') ?? []}
              onOpenAttribution={(a) => setForm(fromSpec(a))}
            />
          )}
          {ready && <SensitivityPanel spec={spec} />}
          <PathsPanel input={pathsInput} />
        </div>
      </div>
    </Page>
  );
}
