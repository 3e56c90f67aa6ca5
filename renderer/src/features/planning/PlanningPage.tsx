import { useMemo } from 'react';
import type { BudgetResult } from '../../../../shared/analysis/budget/run-budget';
import { useApiQuery } from '../../api/queries';
import { Page } from '../../app/Page';
import { useUiStore } from '../../stores/ui-store';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';
import { SavedAnalyses } from '../analysis/SavedAnalyses';
import { useDraft } from '../analysis/use-draft';
import { useSpecRun } from '../analysis/use-spec-run';
import { ForecastPanel } from './ForecastPanel';
import { ManualSplit } from './ManualSplit';
import { PlannerControls } from './PlannerControls';
import { PlannerResults } from './PlannerResults';
import { DEFAULT_FORM, boundsOf, fromSpec, suggestedBudget, toSpec, type PlannerForm } from './planning-form';
import '../analysis/builders.css';
import './planning.css';

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Budget planner (SPEC section 10, docs/planning.md): fit each channel's response curve, split a
 * budget over the next weeks, try other splits by hand, and forecast the channels.
 */
export function PlanningPage() {
  const navigate = useUiStore((s) => s.navigate);
  const options = useApiQuery('campaigns', 'options', {});
  const loaded = options.data?.loaded === true && options.data.channels.length > 0;
  const maxDate = options.data?.maxDate ?? '';

  // A first budget near the last four weeks' spend, so the default plan is feasible and realistic.
  // Without those figures the default budget stands: the suggestion is a convenience, not a requirement.
  const kpis = useApiQuery(
    'campaigns',
    'kpis',
    { filter: { from: maxDate ? daysBefore(maxDate, 27) : '', to: maxDate, channels: [], platforms: [], campaigns: [] } },
    { enabled: loaded && maxDate !== '' },
  );
  const spend = kpis.data?.current.spend;
  const suggested = useMemo(
    () => (typeof spend === 'number' ? { ...DEFAULT_FORM, budget: suggestedBudget(spend / 4, DEFAULT_FORM.weeks) } : DEFAULT_FORM),
    [spend],
  );
  // Once the user changes anything (or opens a saved plan) the suggestion no longer applies.
  const [form, setForm] = useDraft<PlannerForm>(suggested);
  const change = (next: PlannerForm) => setForm(next);
  const spec = useMemo(() => toSpec(form), [form]);
  const run = useSpecRun(loaded ? spec : null, 400);
  const result = run.result?.result as BudgetResult | undefined;
  const limits = useMemo(
    () =>
      result?.channels.map((c) => {
        const [lo, hi] = boundsOf(form, c.channel);
        return { lo: lo * c.current_weekly_spend, hi: hi * c.current_weekly_spend };
      }) ?? [],
    [result, form],
  );

  if (options.isPending) {
    return (
      <Page title="Budget planner" testId="page-planner">
        <LoadingBlock label="Loading Campaign Performance 360…" />
      </Page>
    );
  }
  if (!loaded) {
    return (
      <Page title="Budget planner" testId="page-planner">
        <EmptyState
          title="The budget planner needs Campaign Performance 360."
          action={
            <button type="button" className="btn btn-primary" onClick={() => navigate('catalog')}>
              Open the catalog
            </button>
          }
          testId="planner-empty"
        >
          {options.error
            ? options.error.message
            : 'Pull Campaign Performance 360 (campaign_performance) in the Catalog: the planner fits each channel’s response to spend from its weekly spend and outcomes.'}
        </EmptyState>
      </Page>
    );
  }
  const channels = options.data?.channels ?? [];
  return (
    <Page
      reads={['campaign_performance']}
      title="Budget planner"
      subtitle="How each channel's revenue or conversions respond to spend, and the split of a budget that earns most. Results update as you change anything."
      testId="page-planner"
      actions={<SavedAnalyses kind="budget" spec={spec} onOpen={(item) => setForm(fromSpec(item.spec))} testId="plan-saved" />}
    >
      <div className="builder">
        <PlannerControls form={form} channels={channels} onChange={change} />
        <div className="builder-results">
          <div className="run-status" data-testid="plan-status" data-running={run.running}>
            {run.running ? 'Fitting curves…' : run.result ? `Computed in ${run.result.ms} ms` : ''}
          </div>
          {run.error && <ErrorState title="This plan cannot run" message={run.error.message} testId="plan-error" />}
          {result && <PlannerResults result={result} />}
          {result && <ManualSplit result={result} limits={limits} />}
          {!result && !run.error && <LoadingBlock label="Fitting curves…" height={380} />}
          <ForecastPanel channels={channels} />
        </div>
      </div>
    </Page>
  );
}
