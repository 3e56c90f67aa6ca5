import type { LineageEdge, LineageGraph, LineageNode } from './lineage-graph';

/**
 * A lineage graph as OpenLineage run events (spec 2-0-2, https://openlineage.io/spec/2-0-2/OpenLineage.json),
 * so a catalog (Marquez, DataHub, OpenMetadata...) can ingest it. Each run-like node (analysis run,
 * export, audience version, activation) is one COMPLETE RunEvent; product versions are its input
 * datasets in the namespace of the mesh they came from, with the version, the contract's schema
 * and the contract's quality results as facets.
 */

/**
 * The 2-0-2 spec keeps its definitions under `$defs` (JSON Schema 2020-12); `#/definitions/...`
 * was the pointer of the 1-x specs and resolves to nothing in 2-0-2.
 */
export const RUN_EVENT_SCHEMA_URL = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
export const VERSION_FACET_SCHEMA_URL = 'https://openlineage.io/spec/facets/1-0-0/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet';
export const SCHEMA_FACET_SCHEMA_URL = 'https://openlineage.io/spec/facets/1-0-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet';
export const QUALITY_FACET_SCHEMA_URL =
  'https://openlineage.io/spec/facets/1-0-0/DataQualityAssertionsDatasetFacet.json#/$defs/DataQualityAssertionsDatasetFacet';
/** Meshwork's own run facet (who ran and who approved): a custom facet, documented in docs/governance.md. */
export const MESHWORK_RUN_FACET_SCHEMA_URL = 'https://meshwork.io/spec/facets/1-0-0/MeshworkRunFacet.json#/$defs/MeshworkRunFacet';
export const JOB_NAMESPACE = 'meshwork';
/** Datasets that live only in the workbench (analysis results, export files). */
export const WORKBENCH_NAMESPACE = 'meshwork://workbench';

/** The URI naming the software that wrote the events (OpenLineage `producer`). */
export function producerUri(appVersion: string): string {
  return `https://meshwork.io/workbench/${encodeURIComponent(appVersion)}`;
}

interface Facet {
  _producer: string;
  _schemaURL: string;
}

export interface OpenLineageDataset {
  namespace: string;
  name: string;
  facets?: Record<string, Facet & Record<string, unknown>>;
  inputFacets?: Record<string, Facet & Record<string, unknown>>;
}

export interface OpenLineageRunEvent {
  eventType: 'COMPLETE';
  eventTime: string;
  run: { runId: string; facets?: Record<string, Facet & Record<string, unknown>> };
  job: { namespace: string; name: string };
  inputs: OpenLineageDataset[];
  outputs: OpenLineageDataset[];
  producer: string;
  schemaURL: string;
}

const RUN_KINDS = new Set(['analysis', 'export', 'audience_version', 'activation']);

/** FNV-1a, 64 bits as hex: a stable stand-in for nodes without a log line's MAC (not a security hash). */
function fnvHex(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const ch of new TextEncoder().encode(text)) h = BigInt.asUintN(64, (h ^ BigInt(ch)) * 0x100000001b3n);
  return h.toString(16).padStart(16, '0');
}

/**
 * A UUIDv7 (RFC 9562: 48-bit Unix milliseconds, version 7, variant 10) whose other 74 bits come
 * from the node's log-line MAC, so exporting the same run twice gives the same runId and a
 * catalog merges them instead of counting two runs. OpenLineage recommends v7 run ids.
 */
export function runIdFor(at: string, seed: string): string {
  const ms = BigInt(Math.max(0, Date.parse(at) || 0));
  const hex = (seed.replace(/[^0-9a-f]/gi, '').toLowerCase() + fnvHex(seed) + fnvHex(`${seed}#`)).slice(0, 20).padEnd(20, '0');
  const time = ms.toString(16).padStart(12, '0').slice(-12);
  const randA = hex.slice(0, 3);
  const variant = ((parseInt(hex.slice(3, 4), 16) & 0x3) | 0x8).toString(16);
  const randB = hex.slice(4, 7);
  const tail = hex.slice(7, 19);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randA}-${variant}${randB}-${tail}`;
}

function jobName(node: LineageNode, graph: LineageGraph, parents: LineageEdge[]): string {
  const spec = parents.find((e) => e.relation === 'specified');
  const saved = spec ? graph.nodes.find((n) => n.key === spec.from) : undefined;
  switch (node.kind) {
    case 'analysis':
      return saved ? `analysis.saved.${saved.id}` : `analysis.${slug(node.title.replace(/ run$/, ''))}`;
    case 'export':
      return `export.${slug(node.title.replace(/ ?export$/i, ''), 'file')}`;
    case 'audience_version':
      return `audience.build.${node.id.split('@')[0] ?? node.id}`;
    default:
      return `audience.activate.${(graph.nodes.find((n) => parents.some((e) => e.from === n.key && n.kind === 'audience_version'))?.id ?? node.id).split('@')[0]}`;
  }
}

function slug(text: string, fallback = 'run'): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '') || fallback
  );
}

function productDataset(node: LineageNode, producer: string, meshUrl: string): OpenLineageDataset {
  const p = node.product;
  const facets: OpenLineageDataset['facets'] = {};
  const inputFacets: OpenLineageDataset['inputFacets'] = {};
  if (p) {
    facets.version = { _producer: producer, _schemaURL: VERSION_FACET_SCHEMA_URL, datasetVersion: p.version };
    if (p.schema) {
      facets.schema = {
        _producer: producer,
        _schemaURL: SCHEMA_FACET_SCHEMA_URL,
        fields: p.schema.map((c) => ({ name: c.name, type: c.type, ...(c.description ? { description: c.description } : {}) })),
      };
    }
    if (p.assertions) {
      inputFacets.dataQualityAssertions = {
        _producer: producer,
        _schemaURL: QUALITY_FACET_SCHEMA_URL,
        assertions: p.assertions.map((a) => ({ assertion: a.id, success: a.passed, ...(a.column ? { column: a.column } : {}) })),
      };
    }
  }
  return {
    namespace: p?.meshUrl ?? meshUrl,
    name: p?.id ?? node.id,
    facets,
    ...(Object.keys(inputFacets).length > 0 ? { inputFacets } : {}),
  };
}

function audienceDataset(node: LineageNode, producer: string, meshUrl: string): OpenLineageDataset {
  const [id, version] = node.id.split('@');
  return {
    namespace: meshUrl,
    name: `audiences/${id ?? node.id}`,
    facets: { version: { _producer: producer, _schemaURL: VERSION_FACET_SCHEMA_URL, datasetVersion: version ?? '' } },
  };
}

const resultDataset = (node: LineageNode): OpenLineageDataset => ({
  namespace: WORKBENCH_NAMESPACE,
  name: `${node.kind === 'export' ? 'exports' : 'results'}/${node.id}`,
});

/**
 * `meshUrl` names the namespace of datasets whose mesh was not recorded (versions pulled before
 * the cache kept it, audiences): the active mesh's URL.
 */
export function toOpenLineage(graph: LineageGraph, options: { appVersion: string; meshUrl: string }): OpenLineageRunEvent[] {
  const producer = producerUri(options.appVersion);
  const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
  const events: OpenLineageRunEvent[] = [];
  for (const node of graph.nodes) {
    if (!RUN_KINDS.has(node.kind) || !node.at) continue;
    const parents = graph.edges.filter((e) => e.to === node.key);
    const inputs: OpenLineageDataset[] = [];
    const approvals: Array<{ by: string | null; at: string | null; decision: string }> = [];
    for (const edge of parents) {
      const parent = byKey.get(edge.from);
      if (!parent) continue;
      if (parent.kind === 'product_version') inputs.push(productDataset(parent, producer, options.meshUrl));
      else if (parent.kind === 'audience_version') inputs.push(audienceDataset(parent, producer, options.meshUrl));
      else if (parent.kind === 'analysis') inputs.push(resultDataset(parent));
      else if (parent.kind === 'approval')
        approvals.push({ by: parent.who, at: parent.at, decision: parent.title.startsWith('Rejected') ? 'rejected' : 'approved' });
    }
    const outputs =
      node.kind === 'audience_version'
        ? [audienceDataset(node, producer, options.meshUrl)]
        : node.kind === 'activation'
          ? [{ namespace: options.meshUrl, name: `activations/${node.id}` }]
          : [resultDataset(node)];
    events.push({
      eventType: 'COMPLETE',
      eventTime: node.at,
      run: {
        runId: runIdFor(node.at, node.entryHash ?? node.key),
        facets: {
          meshwork: {
            _producer: producer,
            _schemaURL: MESHWORK_RUN_FACET_SCHEMA_URL,
            kind: node.kind,
            title: node.title,
            ranBy: node.who,
            ...(node.seq !== null ? { activityLogLine: node.seq } : {}),
            ...(approvals.length > 0 ? { decisions: approvals } : {}),
          },
        },
      },
      job: { namespace: JOB_NAMESPACE, name: jobName(node, graph, parents) },
      inputs,
      outputs,
      producer,
      schemaURL: RUN_EVENT_SCHEMA_URL,
    });
  }
  return events.sort((a, b) => a.eventTime.localeCompare(b.eventTime));
}
