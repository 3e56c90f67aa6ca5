import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { RuleNode } from '../../../../shared/specs/segment-rule';
import { formatCount, formatPercent } from '../../../../shared/format';
import { Page } from '../../app/Page';
import { useUiStore } from '../../stores/ui-store';
import { Chart, type ChartOption } from '../../ui/Chart';
import { DataGrid } from '../../ui/DataGrid';
import { EmptyState, ErrorState } from '../../ui/States';
import { SavedAnalyses } from '../analysis/SavedAnalyses';
import { useSavedItems } from '../analysis/saved-items';
import { useLiveRun } from '../analysis/use-live-run';
import { RuleEditor, type ColumnInfo } from './RuleEditor';
import { treeProblems } from './rule-model';
import type { SegmentSpecInput } from '../../../../shared/specs/segment-spec';
import { segmentMembersTable } from './segment-export';
import { exportTable } from '../../ui/export-table';
import { toastError } from '../../stores/toast-store';
import '../analysis/builders.css';
import './segments.css';

/** The builder always sets every field of the segment spec. */
type SegmentSpecForm = Required<SegmentSpecInput>;

export function SegmentsPage() {
  const navigate = useUiStore((s) => s.navigate);
  const [columns, setColumns] = useState<ColumnInfo[] | null>(null);
  const [events, setEvents] = useState<string[]>([]);
  const [conversions, setConversions] = useState<string[]>([]);
  const [missing, setMissing] = useState<string | null>(null);
  const [asOf, setAsOf] = useState(new Date().toISOString().slice(0, 10));
  const [rule, setRule] = useState<RuleNode>({ all: [] });
  const { items: saved } = useSavedItems('segment');

  useEffect(() => {
    api.analysis.customerColumns({}).then(
      (r) => {
        setColumns(r.columns);
        if (r.latestActivity) setAsOf(r.latestActivity.slice(0, 10));
      },
      (e: unknown) => setMissing(e instanceof Error ? e.message : String(e)),
    );
    api.analysis.eventNames({}).then(
      (r) => setEvents(r.names),
      () => setEvents([]),
    );
    api.analysis.conversionTypes({}).then(
      (r) => setConversions(r.types.map((t) => t.type)),
      () => setConversions([]),
    );
  }, []);

  const spec: SegmentSpecForm = useMemo(() => ({ kind: 'segment', as_of: `${asOf}T00:00:00Z`, include_members: false, rule }), [asOf, rule]);
  const problems = treeProblems(rule);
  const input = columns && problems === 0 ? spec : null;
  const key = JSON.stringify(input);
  const count = useLiveRun(input, key, (s) => api.analysis.segmentCount({ rule: s.rule, as_of: s.as_of }), 300);
  const preview = useLiveRun(input, key, (s) => api.analysis.segmentPreview({ rule: s.rule, as_of: s.as_of, limit: 50 }), 500);
  // Every member, not just the preview: the segment spec with include_members, as the CLI runs it.
  const exportMembers = async (format: 'csv' | 'parquet') => {
    if (!input) return;
    try {
      const { result } = await api.analysis.runSpec({ spec: { ...input, include_members: true } });
      const members = (result as { members?: string[] }).members ?? [];
      await exportTable(segmentMembersTable('members', members), 'segment-members', format);
    } catch (error) {
      toastError('The export failed', error);
    }
  };
  const others = saved.filter((s) => JSON.stringify((s.spec as SegmentSpecForm).rule) !== JSON.stringify(rule)).slice(0, 6);
  const overlapInput =
    input && others.length > 0
      ? { segments: [{ name: 'This segment', rule }, ...others.map((o) => ({ name: o.name, rule: (o.spec as SegmentSpecForm).rule }))], as_of: spec.as_of }
      : null;
  const overlap = useLiveRun(overlapInput, JSON.stringify(overlapInput), (i) => api.analysis.segmentOverlap(i), 700);

  const heatmap = useMemo<ChartOption | null>(() => {
    const r = overlap.result;
    if (!r) return null;
    const data = r.matrix.flatMap((row, i) => row.map((v, j) => [j, i, v]));
    return {
      tooltip: { formatter: (p: { value: number[] }) => `${r.names[p.value[1]!]} ∩ ${r.names[p.value[0]!]}: ${formatCount(p.value[2])}` },
      grid: { left: 140, right: 20, top: 10, bottom: 80 },
      xAxis: { type: 'category', data: r.names, axisLabel: { rotate: 30 } },
      yAxis: { type: 'category', data: r.names },
      visualMap: { min: 0, max: Math.max(1, ...r.matrix.flat()), show: false, inRange: { color: ['#e8f0fb', '#0072B2'] } },
      series: [{ type: 'heatmap', data, label: { show: true, formatter: (p: { value: number[] }) => formatCount(p.value[2]) } }],
    };
  }, [overlap.result]);

  if (missing) {
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
          {missing}
        </EmptyState>
      </Page>
    );
  }
  const previewColumns = preview.result?.rows[0] ? Object.keys(preview.result.rows[0]).map((field) => ({ field, headerName: field, minWidth: 120 })) : [];
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
            setRule(s.rule);
            setAsOf(s.as_of.slice(0, 10));
          }}
          testId="seg-saved"
        />
      }
    >
      <div className="builder">
        <div className="card builder-controls segment-count-card">
          <label className="field">
            As of
            <input type="date" value={asOf} onChange={(e) => e.target.value && setAsOf(e.target.value)} data-testid="seg-as-of" />
          </label>
          <div className="big-number" data-testid="seg-count" data-value={count.result?.count ?? ''} data-running={count.running}>
            {count.result ? formatCount(count.result.count) : '—'}
            <span className="muted"> customers{count.running ? ' (updating…)' : ''}</span>
          </div>
          {problems > 0 && (
            <div className="rule-problem" data-testid="seg-problems">
              {problems} condition{problems === 1 ? ' needs' : 's need'} attention before the count can update.
            </div>
          )}
          {count.error && <ErrorState title="This rule cannot run" message={count.error.message} />}
          {count.result && (
            <table className="table" data-testid="seg-consent">
              <thead>
                <tr>
                  <th>Consented to</th>
                  <th>Customers</th>
                  <th>Share</th>
                </tr>
              </thead>
              <tbody>
                {(['email', 'ads', 'analytics'] as const).map((p) => (
                  <tr key={p}>
                    <td>{p}</td>
                    <td>{formatCount(count.result!.consent[p])}</td>
                    <td>{formatPercent(count.result!.count ? count.result!.consent[p] / count.result!.count : null)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div className="builder-results">
          <div className="card">
            <h2>Rule</h2>
            {columns ? (
              <RuleEditor node={rule} path={[]} ctx={{ columns, events, conversions, asOf: `${asOf}T00:00:00Z`, root: rule, onChange: setRule }} />
            ) : (
              <div className="skeleton" style={{ height: 120 }} />
            )}
          </div>
          <div className="card">
            <h2>
              Members{' '}
              {preview.result?.masked && (
                <span className="badge badge-warn" title="Your role does not include PII access">
                  PII masked
                </span>
              )}
            </h2>
            {input && (
              <div className="row">
                <button type="button" className="btn" data-testid="seg-export-csv" onClick={() => void exportMembers('csv')}>
                  Export members CSV
                </button>
                <button type="button" className="btn" data-testid="seg-export-parquet" onClick={() => void exportMembers('parquet')}>
                  Export members Parquet
                </button>
              </div>
            )}
            {preview.result && preview.result.rows.length === 0 && <p className="muted">Nobody matches this rule.</p>}
            {preview.result && preview.result.rows.length > 0 && (
              <DataGrid testId="seg-preview" rowData={preview.result.rows} columnDefs={previewColumns} height={300} />
            )}
          </div>
          <div className="card">
            <h2>Overlap with saved segments</h2>
            {others.length === 0 ? (
              <p className="muted">Save segments to compare their overlap here.</p>
            ) : heatmap ? (
              <Chart option={heatmap} title="Segment overlap" testId="seg-overlap" height={300} />
            ) : (
              <div className="skeleton" style={{ height: 200 }} />
            )}
          </div>
        </div>
      </div>
    </Page>
  );
}
