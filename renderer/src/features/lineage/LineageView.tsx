import { formatDate, pluralize } from '../../../../shared/format';
import type { LineageGraph, LineageNode, LineageObject } from '../../../../shared/lineage/lineage-graph';
import { NODE_KIND_NAMES } from '../../../../shared/lineage/lineage-labels';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { Page } from '../../app/Page';
import { toastError, useToastStore } from '../../stores/toast-store';
import { useUiStore } from '../../stores/ui-store';
import { downloadText } from '../../ui/download';
import { ErrorState, LoadingBlock } from '../../ui/States';
import { LineageLink } from './LineageLink';
import { layerHeading, nodeObject, upstreamLines } from './lineage-view-model';

const WHO_LABEL: Record<LineageNode['kind'], string> = {
  product_version: 'Pulled',
  saved_spec: 'Saved',
  analysis: 'Run',
  export: 'Exported',
  audience_version: 'Requested',
  approval: 'Decided',
  activation: 'Activated',
};

/** One object's lineage as layers, upstream at the top: what it read, then it, then what it fed. */
export function LineageView({ object }: { object: LineageObject }) {
  const navigate = useUiStore((s) => s.navigate);
  // Lineage grows with every run: always read it afresh when the page opens.
  const query = useApiQuery('lineage', 'forObject', object, { staleTime: 0 });
  const download = useApiMutation('lineage', 'openLineage', [['lineage', 'recent']]);
  const back = (
    <button type="button" className="btn" onClick={() => navigate('lineage')} data-testid="lineage-back">
      ← Everything traced
    </button>
  );
  const graph = query.data?.graph;
  const focus = graph?.nodes.find((n) => n.key === graph.focus);
  if (!graph || !focus) {
    return (
      <Page title="Lineage" testId="page-lineage" actions={back}>
        {query.error ? (
          <ErrorState title="This lineage could not be shown" message={query.error.message} onRetry={() => void query.refetch()} testId="lineage-error" />
        ) : (
          <LoadingBlock label="Tracing lineage" />
        )}
      </Page>
    );
  }
  const saveOpenLineage = async () => {
    try {
      const { events, fileName } = await download.mutateAsync(object);
      downloadText(fileName, `${JSON.stringify(events, null, 2)}\n`, 'application/json');
      useToastStore.getState().push({ kind: 'success', title: 'OpenLineage JSON downloaded', detail: pluralize(events.length, 'run event') });
    } catch (error) {
      toastError('The OpenLineage export failed', error);
    }
  };
  const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
  return (
    <Page
      title={`Lineage of ${focus.title}`}
      subtitle={pageSubtitle(focus)}
      testId="page-lineage"
      actions={
        <>
          {back}
          <button type="button" className="btn" disabled={download.isPending} onClick={() => void saveOpenLineage()} data-testid="lineage-openlineage">
            {download.isPending ? 'Preparing…' : 'Download OpenLineage JSON'}
          </button>
        </>
      }
    >
      <Summary graph={graph} focus={focus} />
      <div className="lineage-layers" data-testid="lineage-graph">
        {graph.layers.map((layer, i) => {
          const nodes = layer.map((k) => byKey.get(k)).filter((n): n is LineageNode => n !== undefined);
          return (
            <section key={layer.join('|')} className="lineage-layer" data-testid="lineage-layer">
              {i > 0 && (
                <div className="lineage-arrow" aria-hidden="true">
                  ↓
                </div>
              )}
              <h2 className="lineage-layer-title">{layerHeading(nodes)}</h2>
              <div className="lineage-cards">
                {nodes.map((n) => (
                  <NodeCard key={n.key} node={n} graph={graph} isFocus={n.key === graph.focus} />
                ))}
              </div>
            </section>
          );
        })}
      </div>
    </Page>
  );
}

function pageSubtitle(focus: LineageNode): string {
  const what = `${NODE_KIND_NAMES[focus.kind].one}${focus.subtitle.startsWith('of ') ? ' ' : ', '}${focus.subtitle}.`;
  return focus.kind === 'product_version'
    ? `${what} Below it, everything on this laptop that used this version, and what that fed.`
    : `${what} Upstream at the top (what it read), downstream below (what it fed).`;
}

function Summary({ graph, focus }: { graph: LineageGraph; focus: LineageNode }) {
  const upstream = graph.edges.filter((e) => e.to === focus.key && e.relation === 'read').length;
  const direct = fedList(graph, focus);
  const readsNotRecorded = focus.facts.some((f) => f.label === 'Read' && f.value.includes('not recorded'));
  const parts = [
    focus.kind === 'product_version'
      ? null
      : readsNotRecorded
        ? 'Which product versions it read was not recorded (it happened before Meshwork recorded lineage).'
        : upstream > 0
          ? `It read ${pluralize(upstream, 'product version')}.`
          : null,
    direct
      ? focus.kind === 'product_version'
        ? `Used directly by ${direct}.`
        : `It fed ${direct}.`
      : focus.kind === 'product_version'
        ? 'Nothing on this laptop has used it yet.'
        : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? (
    <p className="lineage-summary" data-testid="lineage-summary">
      {parts.join(' ')}
    </p>
  ) : null;
}

/** "1 analysis run and 2 exports": what the focus fed directly, counted by kind. */
function fedList(graph: LineageGraph, focus: LineageNode): string | null {
  const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
  const counts = new Map<LineageNode['kind'], number>();
  for (const e of graph.edges) {
    const to = e.from === focus.key ? byKey.get(e.to) : undefined;
    if (to) counts.set(to.kind, (counts.get(to.kind) ?? 0) + 1);
  }
  const parts = [...counts].map(([kind, n]) => `${n} ${(n === 1 ? NODE_KIND_NAMES[kind].one : NODE_KIND_NAMES[kind].many).toLowerCase()}`);
  return parts.length === 0 ? null : parts.length === 1 ? (parts[0] ?? null) : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function QualityChip({ quality }: { quality: NonNullable<LineageNode['product']>['quality'] }) {
  if (!quality || quality.status === 'unchecked') return <span className="badge">Quality not checked</span>;
  if (quality.status === 'passed') return <span className="badge badge-good">Quality passed</span>;
  if (quality.status === 'warnings') return <span className="badge badge-warn">{pluralize(quality.warnings, 'quality warning')}</span>;
  return <span className="badge badge-bad">Quality failed</span>;
}

function NodeCard({ node, graph, isFocus }: { node: LineageNode; graph: LineageGraph; isFocus: boolean }) {
  const object = nodeObject(node);
  const from = upstreamLines(graph, node.key);
  // The subtitle already says the version; the quality sits in its badge.
  const facts = node.facts.filter((f) => !(node.kind === 'product_version' && (f.label === 'Version' || f.label === 'Quality')));
  return (
    <article
      className={`lineage-card${isFocus ? ' lineage-focus' : ''}${node.recorded ? '' : ' lineage-unrecorded'}`}
      data-testid="lineage-node"
      data-kind={node.kind}
      data-focus={isFocus}
      aria-current={isFocus ? 'true' : undefined}
    >
      <div className="lineage-kind">
        {NODE_KIND_NAMES[node.kind].one}
        {isFocus && <span className="badge badge-good">this one</span>}
      </div>
      <h3 className="lineage-title">{node.title}</h3>
      <div className="muted">{node.subtitle}</div>
      {(node.at || node.who) && (
        <div className="lineage-when" data-testid="lineage-when">
          {WHO_LABEL[node.kind]}
          {node.at ? ` ${formatDate(node.at)} ${node.at.slice(11, 16)}` : ''}
          {node.who ? ` by ${node.who}` : ''}
        </div>
      )}
      {node.product && (
        <div className="lineage-badges">
          <QualityChip quality={node.product.quality} />
        </div>
      )}
      {facts.length > 0 && (
        <dl className="lineage-facts">
          {facts.map((f) => (
            <div key={f.label} className="lineage-fact">
              <dt>{f.label}</dt>
              <dd className={f.value.includes('not recorded') || f.value.includes('not known') ? 'muted' : undefined}>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {from.length > 0 && (
        <ul className="lineage-from">
          {from.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <div className="lineage-card-foot">
        {node.seq !== null && <span className="muted small">Activity log line {node.seq}</span>}
        {!isFocus && object && <LineageLink object={object} label="Its lineage" testId="lineage-refocus" />}
      </div>
    </article>
  );
}
