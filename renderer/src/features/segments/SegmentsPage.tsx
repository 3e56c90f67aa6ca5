import { useMemo } from 'react';
import { api } from '../../api/client';
import { formatCount, formatPercent } from '../../../../shared/format';
import { ruleAttributes } from '../../../../shared/specs/segment-rule';
import { Page } from '../../app/Page';
import { useUiStore } from '../../stores/ui-store';
import { useSession } from '../../app/session-view';
import { plainError } from '../../ui/plain-error';
import { EmptyState } from '../../ui/States';
import { SavedAnalyses } from '../analysis/SavedAnalyses';
import { useSavedItems } from '../analysis/saved-items';
import { RuleEditor } from './RuleEditor';
import { treeProblems } from './rule-model';
import type { SegmentSpecInput } from '../../../../shared/specs/segment-spec';
import { segmentMembersTable } from './segment-export';
import { exportTable } from '../../ui/export-table';
import { toastError } from '../../stores/toast-store';
import { fieldErrorFor } from './field-errors';
import { propertyOptions } from './property-names';
import { useSegmentDraft } from './segment-draft-store';
import { useSegmentAnswers, useSegmentOverlap, useSegmentPickers } from './segment-queries';
import { SegmentFunnel } from './SegmentFunnel';
import { MatchRates } from './MatchRates';
import { OverlapHeatmap } from './OverlapHeatmap';
import { MemberPreview } from './MemberPreview';
import { CUSTOMER_COLUMNS } from '../audiences/describe-rule';
import '../analysis/builders.css';
import './segments.css';

/** The builder always sets every field of the segment spec. */
type SegmentSpecForm = Required<SegmentSpecInput>;

const CONSENT_WORDS = { email: 'E-mail', ads: 'Ads', analytics: 'Analytics' } as const;

export function SegmentsPage() {
  const navigate = useUiStore((s) => s.navigate);
  const piiAccess = useSession().data?.pii_access === true;
  const { rule, asOf: draftAsOf, setRule, setAsOf, load } = useSegmentDraft();
  const pickers = useSegmentPickers();
  const { items: saved } = useSavedItems('segment');

  const asOf = draftAsOf ?? (pickers.latestActivity ?? new Date().toISOString()).slice(0, 10);
  const properties = useMemo(
    () => (pickers.columns ? propertyOptions(pickers.columns, pickers.contractColumns, piiAccess) : null),
    [pickers.columns, pickers.contractColumns, piiAccess],
  );
  const spec: SegmentSpecForm = useMemo(() => ({ kind: 'segment', as_of: `${asOf}T00:00:00Z`, include_members: false, rule }), [asOf, rule]);
  // A condition on a property this role may not use (an opened or restored rule) blocks the count like an unfinished one.
  const unavailable = properties ? [...ruleAttributes(rule).keys()].filter((a) => !properties.some((p) => p.name === a)).length : 0;
  const problems = treeProblems(rule) + unavailable;
  const question = properties && problems === 0 ? { rule, as_of: spec.as_of } : null;
  const answers = useSegmentAnswers(question, pickers.destinations);
  const count = answers.count;
  const serverError = count.error ? fieldErrorFor(rule, count.error) : null;

  // The current rule against saved segments; a saved segment with this very rule is this row, under its name.
  const same = saved.find((s) => JSON.stringify((s.spec as SegmentSpecForm).rule) === JSON.stringify(rule));
  const others = saved.filter((s) => s !== same).slice(0, 7);
  const overlap = useSegmentOverlap(
    question && others.length > 0
      ? {
          segments: [{ name: same ? same.name : 'This segment', rule }, ...others.map((o) => ({ name: o.name, rule: (o.spec as SegmentSpecForm).rule }))],
          as_of: spec.as_of,
        }
      : null,
  );

  // Every member, not just the preview: the segment spec with include_members, as the CLI runs it.
  const exportMembers = async (format: 'csv' | 'parquet') => {
    if (!question) return;
    try {
      const { result } = await api.analysis.runSpec({ spec: { ...spec, include_members: true } });
      const members = (result as { members?: string[] }).members ?? [];
      await exportTable(segmentMembersTable('members', members), 'segment-members', format);
    } catch (error) {
      toastError('The export failed', error);
    }
  };

  if (pickers.columnsError) {
    return (
      <Page title="Segments" testId="page-segments">
        <EmptyState
          title="Segments are built on Customer 360."
          action={
            <button type="button" className="btn btn-primary" onClick={() => navigate('catalog', 'customers')}>
              Pull Customer 360
            </button>
          }
          testId="segments-empty"
        >
          {pickers.columnsError.message}
        </EmptyState>
      </Page>
    );
  }
  // The funnel's sentences: the audience review's wording where it knows the column, else the display name.
  const ruleColumns = (properties ?? []).map((p) => CUSTOMER_COLUMNS.find((c) => c.name === p.name) ?? { name: p.name, label: p.label.toLowerCase() });
  const result = count.result;
  return (
    <Page
      reads={['customers', 'events', 'conversions']}
      title="Segments"
      subtitle="Describe who you want to reach; the count updates as you build."
      testId="page-segments"
      actions={
        <SavedAnalyses
          kind="segment"
          spec={spec}
          onOpen={(item) => {
            const s = item.spec as SegmentSpecForm;
            load({ rule: s.rule, asOf: s.as_of.slice(0, 10) });
          }}
          testId="seg-saved"
          cannotSave={problems > 0 ? 'Finish the conditions marked in the rule before saving.' : null}
        />
      }
    >
      <div className="builder">
        <div className="card builder-controls segment-count-card">
          <label className="field">
            As of
            <input type="date" value={asOf} onChange={(e) => e.target.value && setAsOf(e.target.value)} data-testid="seg-as-of" />
          </label>
          <div className="big-number" data-testid="seg-count" data-value={result?.count ?? ''} data-running={count.running}>
            {problems > 0 ? '—' : formatCount(result?.count)}
            <span className="muted"> customers{count.running && problems === 0 ? ' (updating…)' : ''}</span>
          </div>
          {problems > 0 && (
            <div className="rule-problem" data-testid="seg-problems">
              Finish {problems === 1 ? 'the condition' : `the ${problems} conditions`} marked in the rule to see the count.
            </div>
          )}
          {count.error && !serverError && (
            <div className="rule-problem" role="alert" data-testid="seg-error">
              This rule cannot run: {plainError(count.error).message}
            </div>
          )}
          {serverError && (
            <div className="rule-problem" role="alert" data-testid="seg-error">
              A condition needs a change: {serverError.message}
            </div>
          )}
          {result && problems === 0 && (
            <table className="table" data-testid="seg-consent">
              <thead>
                <tr>
                  <th>Consented to</th>
                  <th className="num">Customers</th>
                  <th className="num">Share</th>
                </tr>
              </thead>
              <tbody>
                {(['email', 'ads', 'analytics'] as const).map((p) => (
                  <tr key={p}>
                    <td>{CONSENT_WORDS[p]}</td>
                    <td className="num">{formatCount(result.consent[p])}</td>
                    <td className="num">{formatPercent(result.count ? result.consent[p] / result.count : null)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div className="builder-results">
          <div className="card">
            <h2>Rule</h2>
            {properties ? (
              <RuleEditor
                node={rule}
                path={[]}
                ctx={{
                  columns: properties,
                  events: pickers.events,
                  conversions: pickers.conversions,
                  asOf: `${asOf}T00:00:00Z`,
                  root: rule,
                  onChange: setRule,
                  serverError,
                }}
              />
            ) : (
              <div className="skeleton" style={{ height: 120 }} />
            )}
          </div>
          <div className="card">
            <h2>Who each condition keeps</h2>
            <SegmentFunnel rule={rule} columns={ruleColumns} answer={answers.funnel} />
          </div>
          <div className="card">
            <h2>Estimated match rate per destination</h2>
            <MatchRates destinations={pickers.destinations} error={pickers.destinationsError} answer={answers.matchRates} />
          </div>
          <div className="card">
            <h2>Members</h2>
            {question && (
              <div className="row">
                <button type="button" className="btn" data-testid="seg-export-csv" onClick={() => void exportMembers('csv')}>
                  Export members CSV
                </button>
                <button type="button" className="btn" data-testid="seg-export-parquet" onClick={() => void exportMembers('parquet')}>
                  Export members Parquet
                </button>
              </div>
            )}
            <MemberPreview answer={answers.preview} piiAccess={piiAccess} finished={question !== null} />
          </div>
          <div className="card">
            <h2>Overlap with saved segments</h2>
            {others.length === 0 ? (
              <p className="muted">{same ? 'Save another segment to compare this one with it.' : 'Save segments to compare their overlap here.'}</p>
            ) : !question ? (
              <p className="muted">Finish the rule to compare it with your saved segments.</p>
            ) : overlap.result ? (
              <div className={overlap.running ? 'seg-updating' : undefined} data-testid="seg-overlap-box" data-running={overlap.running}>
                <OverlapHeatmap overlap={overlap.result} />
              </div>
            ) : overlap.error ? (
              <p className="rule-problem">{overlap.error.message}</p>
            ) : (
              <div className="skeleton" style={{ height: 200 }} />
            )}
          </div>
        </div>
      </div>
    </Page>
  );
}
