import { useEffect, useMemo } from 'react';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/queries';
import { UNATTRIBUTED, type AttributionOutput } from '../../../../shared/specs/attribution-spec';
import { Page } from '../../app/Page';
import { useUiStore } from '../../stores/ui-store';
import { EmptyState, ErrorState } from '../../ui/States';
import { SavedAnalyses } from '../analysis/SavedAnalyses';
import { useLiveRun } from '../analysis/use-live-run';
import { AttributionControls, type FieldProblem } from './AttributionControls';
import { AttributionResults } from './AttributionResults';
import { CalibrationPanel } from './CalibrationPanel';
import { dateRangeProblem, fromSpec, toBaseSpec, toPageSpec, toSpec } from './attribution-form';
import { useAttributionFormStore } from './attribution-form-store';
import { problemFromRunError } from './field-problems';
import { PathsPanel } from './PathsPanel';
import { SensitivityPanel } from './SensitivityPanel';
import '../analysis/builders.css';
import './attribution.css';

/** The channels a test can be about: the result's, with the drilled channel standing for its campaigns. */
function calibrationChannels(result: AttributionOutput | undefined, drilled: string | null): string[] {
  const campaigns = new Set(result?.campaigns?.map((c) => c.channel));
  const channels = (result?.models[0]?.channels.map((c) => c.channel) ?? []).filter((c) => c !== UNATTRIBUTED && !campaigns.has(c));
  return drilled !== null && result ? [...channels, drilled].sort() : channels;
}

export function AttributionPage() {
  const navigate = useUiStore((s) => s.navigate);
  // The form survives a reload (localStorage, validated on load); saved analyses are separate.
  const form = useAttributionFormStore((s) => s.form);
  const setForm = useAttributionFormStore((s) => s.setForm);
  const patch = useAttributionFormStore((s) => s.patch);
  const typesQuery = useApiQuery('analysis', 'conversionTypes', {});
  const types = typesQuery.data?.types ?? null;
  useEffect(() => {
    // Keep the form's conversion type if the data has it, else take the most common one.
    if (types && types.length > 0 && !types.some((t) => t.type === form.conversion_type)) patch({ conversion_type: types[0]!.type, campaign_channel: null });
  }, [types, form.conversion_type, patch]);
  const dateProblem = dateRangeProblem(form);
  const spec = useMemo(() => toPageSpec(form), [form]);
  const savedSpec = useMemo(() => toSpec(form), [form]);
  const baseSpec = useMemo(() => toBaseSpec(form), [form]);
  const ready = types !== null && form.models.length > 0 && form.interactions.length > 0 && dateProblem === null;
  const run = useLiveRun(ready ? spec : null, JSON.stringify(spec), (s) => api.analysis.runSpec({ spec: s }));
  const result = run.result?.result as AttributionOutput | undefined;
  const runProblem = problemFromRunError(run.error);
  const problems: FieldProblem[] = [...(dateProblem ? [dateProblem] : []), ...(runProblem ? [runProblem] : [])];
  // The paths report reads every conversion (no reporting period), so an unfinished period does not hold it up.
  const pathsInput =
    types !== null && form.interactions.length > 0
      ? { conversion_type: form.conversion_type, lookback_days: form.lookback_days, interactions: form.interactions }
      : null;

  if (typesQuery.error) {
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
          {typesQuery.error.message}
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
      actions={<SavedAnalyses kind="attribution" spec={savedSpec} onOpen={(item) => setForm(fromSpec(item.spec))} testId="attr-saved" />}
    >
      <div className="builder">
        <AttributionControls form={form} types={types ?? []} onChange={patch} problems={problems} />
        <div className="builder-results">
          <div className="run-status" data-testid="attr-status" data-running={run.running}>
            {run.running ? 'Updating…' : run.result ? `Computed in ${run.result.ms} ms` : ''}
          </div>
          {form.models.length === 0 && <EmptyState title="Pick at least one model to compare." />}
          {form.interactions.length === 0 && <EmptyState title="Pick at least one interaction type: a path is made of them." />}
          {dateProblem && <EmptyState title="Finish the reporting period to see the comparison." testId="attr-date-pending" />}
          {run.error && runProblem === null && <ErrorState title="This comparison cannot run" message={run.error.message} />}
          {run.error && runProblem !== null && runProblem.field !== 'campaign_channel' && (
            <ErrorState title="This comparison cannot run" message={`${runProblem.message} The field is marked on the left.`} testId="attr-field-error" />
          )}
          {run.error && runProblem?.field === 'campaign_channel' && (
            <EmptyState
              title={runProblem.message}
              action={
                <button type="button" className="btn" onClick={() => patch({ campaign_channel: null })}>
                  Back to all channels
                </button>
              }
              testId="attr-drill-error"
            />
          )}
          {result && !run.error && (
            <AttributionResults
              result={result}
              drilledChannel={form.campaign_channel}
              onDrill={(channel) => patch({ campaign_channel: channel })}
              onOpenCatalog={() => navigate('catalog')}
            />
          )}
          {!result && !run.error && ready && <div className="skeleton" style={{ height: 380 }} />}
          {ready && (
            <CalibrationPanel
              attribution={baseSpec}
              channels={calibrationChannels(result, form.campaign_channel)}
              onOpenAttribution={(a) => setForm(fromSpec(a))}
            />
          )}
          {ready && <SensitivityPanel spec={baseSpec} />}
          <PathsPanel input={pathsInput} />
        </div>
      </div>
    </Page>
  );
}
