import { summariseQuality, type QualityResult } from '../contracts/quality-rules';
import { humanize } from '../display-names';
import { formatCount, pluralize } from '../format';
import { readLineageDetails, type AudienceRef, type LineageDetails, type ProductVersionRead } from './lineage-details';
import type { LineageEdge, LineageGraph, LineageNode, LineageObject, LineageRelation } from './lineage-graph';
import { analysisName, EXPORT_KIND_ANALYSIS } from './lineage-labels';

/** An activity-log entry as the builder reads it (shared/ipc/activity-contract's shape). */
export interface LineageEntry {
  seq: number;
  at: string;
  user: string;
  action: string;
  summary: string;
  details: Record<string, unknown>;
  hash: string;
}

/** A saved item with the hash of each of its versions' specs (main computes them as analysis runs do). */
export interface LineageSavedItem {
  id: string;
  kind: string;
  name: string;
  versions: Array<{ version: number; specHash: string | null }>;
}

/** A product version on this laptop (the extract cache's meta.json and contract.json). */
export interface InstalledProductVersion {
  product: string;
  version: string;
  contractVersion: string | null;
  meshUrl: string | null;
  fetchedAt: string;
  /** Who pulled it (the identity the cache recorded), null for caches written before it was kept. */
  pulledBy: string | null;
  rows: number | null;
  current: boolean;
  quality: readonly QualityResult[] | null;
  schema: Array<{ name: string; type: string; description: string }> | null;
}

export interface LineageSources {
  entries: readonly LineageEntry[];
  saved: readonly LineageSavedItem[];
  installed: readonly InstalledProductVersion[];
  /** Display names: product id -> "Touchpoints", audience id -> its name, destination id -> its name. */
  productNames: Readonly<Record<string, string>>;
  audienceNames: Readonly<Record<string, string>>;
  destinationNames: Readonly<Record<string, string>>;
  /**
   * Decisions the mesh reports on audience versions whose approval is not in this laptop's log
   * (another user's laptop approved them). Optional: without the mesh, lineage still answers.
   */
  decisions?: readonly MeshDecision[];
}

export interface MeshDecision {
  audience: AudienceRef;
  decision: 'approved' | 'rejected';
  by: string | null;
  at: string | null;
}

const NOT_RECORDED = 'not recorded';

const pvKey = (product: string, version: string) => `product_version:${product}@${version}`;
const audienceKey = (ref: AudienceRef) => `audience_version:${ref.id}@${ref.version}`;

/** Every node and edge the log, the saved specs and the cache describe; `lineageFor` cuts out one object's part. */
class GraphBuilder {
  readonly nodes = new Map<string, LineageNode>();
  readonly edges: LineageEdge[] = [];
  private readonly edgeKeys = new Set<string>();

  constructor(private readonly sources: LineageSources) {}

  productName(id: string): string {
    return this.sources.productNames[id] ?? humanize(id);
  }

  destinationName(id: string): string {
    return this.sources.destinationNames[id] ?? id;
  }

  edge(from: string, to: string, relation: LineageRelation, inferred = false): void {
    const key = `${from}>${to}>${relation}`;
    if (this.edgeKeys.has(key) || from === to) return;
    this.edgeKeys.add(key);
    this.edges.push({ from, to, relation, inferred });
  }

  /** A product version's node: from the cache when it is still here, else from what a run recorded. */
  productVersion(product: string, version: string, read?: ProductVersionRead): string {
    const key = pvKey(product, version);
    const existing = this.nodes.get(key);
    if (existing) {
      // A run that recorded the contract version fills in a pruned version's unknown one.
      if (existing.product && existing.product.contractVersion === null && read?.contractVersion) {
        existing.product.contractVersion = read.contractVersion;
        existing.facts = existing.facts.map((f) => (f.label === 'Contract version' ? { label: f.label, value: read.contractVersion ?? NOT_RECORDED } : f));
      }
      return key;
    }
    const installed = this.sources.installed.find((p) => p.product === product && p.version === version);
    const contractVersion = installed?.contractVersion ?? read?.contractVersion ?? null;
    const quality = installed?.quality ? summariseQuality(installed.quality) : null;
    const facts = [
      { label: 'Version', value: version },
      { label: 'Contract version', value: contractVersion ?? NOT_RECORDED },
      { label: 'Quality', value: installed ? qualityText(quality) : 'not known (this version is no longer on this laptop)' },
    ];
    if (installed?.rows !== null && installed?.rows !== undefined) facts.push({ label: 'Rows', value: formatCount(installed.rows) });
    if (installed?.current) facts.push({ label: 'In use', value: 'the current version on this laptop' });
    this.nodes.set(key, {
      key,
      kind: 'product_version',
      id: `${product}@${version}`,
      title: this.productName(product),
      subtitle: `version ${version}`,
      at: installed?.fetchedAt ?? null,
      who: installed?.pulledBy ?? null,
      recorded: installed !== undefined,
      facts,
      seq: null,
      entryHash: null,
      product: {
        id: product,
        version,
        contractVersion,
        meshUrl: installed?.meshUrl ?? null,
        quality,
        assertions: installed?.quality ? installed.quality.map((q) => ({ id: q.id, column: q.column, text: q.text, passed: q.passed })) : null,
        schema: installed?.schema ?? null,
      },
    });
    return key;
  }

  savedSpec(id: string, fallback?: { name: string; kind: string }): string {
    const key = `saved_spec:${id}`;
    if (this.nodes.has(key)) return key;
    const item = this.sources.saved.find((s) => s.id === id);
    const kind = item?.kind ?? fallback?.kind ?? 'segment';
    const latest = item?.versions.at(-1)?.version;
    this.nodes.set(key, {
      key,
      kind: 'saved_spec',
      id,
      title: item?.name ?? fallback?.name ?? 'A saved spec',
      subtitle: `saved ${analysisName(kind).toLowerCase()}`,
      at: null,
      who: null,
      recorded: item !== undefined,
      facts: item ? [{ label: 'Latest version', value: `v${latest ?? 1}` }] : [{ label: 'Saved spec', value: 'no longer saved on this laptop' }],
      seq: null,
      entryHash: null,
      product: null,
    });
    return key;
  }

  audienceVersion(ref: AudienceRef, fromEntry?: { entry: LineageEntry; details: LineageDetails; name: string | null }): string {
    const key = audienceKey(ref);
    const name = fromEntry?.name ?? this.sources.audienceNames[ref.id] ?? null;
    const existing = this.nodes.get(key);
    if (existing && (existing.recorded || !fromEntry)) return key;
    const facts: LineageNode['facts'] = [];
    if (fromEntry?.details.destination) facts.push({ label: 'Destination', value: this.destinationName(fromEntry.details.destination) });
    if (!fromEntry) facts.push({ label: 'Built', value: 'not on this laptop: what it read is not recorded here' });
    else if (!fromEntry.details.reads) facts.push({ label: 'Read', value: `product versions ${NOT_RECORDED}` });
    this.nodes.set(key, {
      key,
      kind: 'audience_version',
      id: `${ref.id}@${ref.version}`,
      title: name ?? 'Audience',
      subtitle: `version ${ref.version}${fromEntry?.details.destination ? ` for ${this.destinationName(fromEntry.details.destination)}` : ''}`,
      at: fromEntry?.entry.at ?? null,
      who: fromEntry?.entry.user ?? null,
      recorded: fromEntry !== undefined,
      facts,
      seq: fromEntry?.entry.seq ?? null,
      entryHash: fromEntry?.entry.hash ?? null,
      product: null,
    });
    return key;
  }

  /** Each product version a run recorded, linked to it; "not recorded" when the entry predates the field. */
  reads(target: string, reads: readonly ProductVersionRead[] | undefined): void {
    for (const read of reads ?? []) this.edge(this.productVersion(read.product, read.version, read), target, 'read');
  }

  runNode(
    entry: LineageEntry,
    node: Omit<LineageNode, 'key' | 'at' | 'who' | 'seq' | 'entryHash' | 'product' | 'recorded' | 'id'>,
    kind: 'analysis' | 'export',
  ): string {
    const key = `${kind}:${entry.seq}`;
    this.nodes.set(key, {
      ...node,
      key,
      id: String(entry.seq),
      at: entry.at,
      who: entry.user,
      seq: entry.seq,
      entryHash: entry.hash,
      recorded: true,
      product: null,
    });
    return key;
  }
}

function qualityText(q: ReturnType<typeof summariseQuality> | null): string {
  if (!q || q.status === 'unchecked') return 'not checked (pulled before quality checks)';
  if (q.status === 'passed') return `passed (${pluralize(q.checked, 'rule')})`;
  if (q.status === 'warnings') return `${pluralize(q.warnings, 'warning')} of ${pluralize(q.checked, 'rule')}`;
  return `failed (${pluralize(q.failedErrors, 'error rule')})`;
}

function readsFact(details: LineageDetails): { label: string; value: string }[] {
  if (details.reads) return details.reads.length === 0 ? [{ label: 'Read', value: 'no data product' }] : [];
  const loaded = Object.entries(details.dataVersions ?? {});
  return [
    { label: 'Read', value: `product versions ${NOT_RECORDED}` },
    ...(loaded.length > 0 ? [{ label: 'Loaded at the time', value: loaded.map(([p, v]) => `${p} ${v}`).join(', ') }] : []),
  ];
}

/** An older submission's audience name, from its summary ("Submit audience Spring (120 members) to meta_ads"). */
function nameFromSummary(summary: string): string | null {
  return /^Submit audience (.+) \(\d+ members\) to /.exec(summary)?.[1] ?? null;
}

/** The audience version an entry is about: recorded, or (older entries) from the mesh's answer. */
function audienceOf(details: LineageDetails): AudienceRef | null {
  if (details.audience) return details.audience;
  const result = details.result as { id?: unknown; version?: unknown; audience_id?: unknown } | undefined;
  if (!result || typeof result !== 'object') return null;
  const id = typeof result.audience_id === 'string' ? result.audience_id : typeof result.id === 'string' ? result.id : null;
  const version = Number(result.version);
  return id && Number.isInteger(version) && version > 0 ? { id, version } : null;
}

/** The whole graph of everything this laptop knows. */
export function buildFullGraph(sources: LineageSources): { nodes: Map<string, LineageNode>; edges: LineageEdge[] } {
  const g = new GraphBuilder(sources);
  for (const p of sources.installed) g.productVersion(p.product, p.version);
  const analyses: Array<{ seq: number; kind: string | undefined; user: string; key: string }> = [];
  for (const entry of sources.entries) {
    const details = readLineageDetails(entry.details);
    switch (entry.action) {
      case 'pull': {
        if (!details.product || !details.version) break;
        const key = g.productVersion(details.product, details.version);
        const node = g.nodes.get(key);
        // The latest pull of a version says who brought it onto this laptop, and when.
        if (node) Object.assign(node, { who: entry.user, at: node.at ?? entry.at, seq: entry.seq, entryHash: entry.hash });
        break;
      }
      case 'analysis': {
        // The saved specs (and which of their versions) this run ran: the same spec hash.
        const specs = sources.saved.flatMap((item) => {
          const match = item.versions.filter((v) => v.specHash !== null && v.specHash === details.specHash).at(-1);
          return match ? [{ item, version: match.version }] : [];
        });
        const facts = [...readsFact(details)];
        if (details.specHash) facts.push({ label: 'Spec hash', value: details.specHash });
        const first = specs[0];
        const subtitle = first ? `of "${first.item.name}", version ${first.version}` : `of an unsaved ${analysisName(details.kind).toLowerCase()} spec`;
        const key = g.runNode(entry, { kind: 'analysis', title: `${analysisName(details.kind)} run`, subtitle, facts }, 'analysis');
        g.reads(key, details.reads);
        for (const s of specs) g.edge(g.savedSpec(s.item.id), key, 'specified');
        analyses.push({ seq: entry.seq, kind: details.kind, user: entry.user, key });
        break;
      }
      case 'export': {
        const facts = [...readsFact(details)];
        if (details.format) facts.push({ label: 'Format', value: details.format.toUpperCase() });
        const title = details.kind ? `${EXPORT_KIND_ANALYSIS[details.kind] ? analysisName(details.kind) : humanize(details.kind)} export` : 'Export';
        const key = g.runNode(entry, { kind: 'export', title, subtitle: entry.summary, facts }, 'export');
        g.reads(key, details.reads);
        const fromKind = details.kind ? EXPORT_KIND_ANALYSIS[details.kind] : undefined;
        // The table exported is what the screen showed: the latest run of its kind by the same person.
        const run = fromKind ? analyses.filter((a) => a.kind === fromKind && a.user === entry.user).at(-1) : undefined;
        if (run) g.edge(run.key, key, 'fed', true);
        if (details.segment) g.edge(g.savedSpec(details.segment.id, { name: details.segment.name, kind: 'segment' }), key, 'fed');
        break;
      }
      case 'submit': {
        const ref = audienceOf(details);
        if (!ref) break;
        const key = g.audienceVersion(ref, { entry, details, name: details.audienceName ?? nameFromSummary(entry.summary) });
        g.reads(key, details.reads);
        if (details.segment) g.edge(g.savedSpec(details.segment.id, { name: details.segment.name, kind: 'segment' }), key, 'fed');
        break;
      }
      case 'approve':
      case 'reject': {
        const ref = audienceOf(details);
        if (!ref) break;
        const target = g.audienceVersion(ref);
        const key = `approval:${entry.seq}`;
        const approved = entry.action === 'approve';
        g.nodes.set(key, {
          key,
          kind: 'approval',
          id: String(entry.seq),
          title: `${approved ? 'Approved' : 'Rejected'} by ${entry.user}`,
          subtitle: `version ${ref.version}`,
          at: entry.at,
          who: entry.user,
          recorded: true,
          facts: [],
          seq: entry.seq,
          entryHash: entry.hash,
          product: null,
        });
        g.edge(key, target, 'approved');
        break;
      }
      case 'activate': {
        const ref = audienceOf(details);
        const result = details.result as { id?: unknown } | undefined;
        const activationId = details.activationId ?? (typeof result?.id === 'string' ? result.id : null);
        const id = activationId ?? `entry-${entry.seq}`;
        const key = `activation:${id}`;
        const audience = ref ? g.nodes.get(g.audienceVersion(ref)) : undefined;
        g.nodes.set(key, {
          key,
          kind: 'activation',
          id,
          title: `Activation${audience ? ` of ${audience.title}` : ''}`,
          subtitle: ref ? `version ${ref.version}` : entry.summary,
          at: entry.at,
          who: entry.user,
          recorded: true,
          facts: activationId ? [] : [{ label: 'Activation id', value: NOT_RECORDED }],
          seq: entry.seq,
          entryHash: entry.hash,
          product: null,
        });
        if (ref) g.edge(audienceKey(ref), key, 'fed');
        break;
      }
      default:
        break;
    }
  }
  for (const d of sources.decisions ?? []) {
    const target = audienceKey(d.audience);
    if (!g.nodes.has(target) || g.edges.some((e) => e.to === target && e.relation === 'approved')) continue;
    const key = `approval:mesh-${d.audience.id}@${d.audience.version}`;
    g.nodes.set(key, {
      key,
      kind: 'approval',
      id: `mesh-${d.audience.id}@${d.audience.version}`,
      title: `${d.decision === 'approved' ? 'Approved' : 'Rejected'} by ${d.by ?? 'someone'}`,
      subtitle: `version ${d.audience.version}`,
      at: d.at,
      who: d.by,
      recorded: true,
      facts: [{ label: 'Recorded', value: "by the mesh (decided on the approver's laptop)" }],
      seq: null,
      entryHash: null,
      product: null,
    });
    g.edge(key, target, 'approved');
  }
  return { nodes: g.nodes, edges: g.edges };
}

/** The graph key of an object, as `lineage.forObject` names it. */
export function focusKey(object: LineageObject): string {
  return `${object.kind}:${object.id}`;
}

/**
 * One object's lineage: everything upstream of it (what it read, its spec, who approved it),
 * everything downstream (what it fed, and what that fed), and for each downstream node the
 * decisions and specs that shaped it. Null when this laptop knows no such object.
 */
export function lineageFor(sources: LineageSources, object: LineageObject): LineageGraph | null {
  const full = buildFullGraph(sources);
  let focus = focusKey(object);
  if (object.kind === 'saved_spec' && !full.nodes.has(focus)) {
    const item = sources.saved.find((s) => s.id === object.id);
    if (!item) return null;
    const g = new GraphBuilder(sources);
    const node = g.nodes.get(g.savedSpec(item.id)) as LineageNode;
    full.nodes.set(node.key, node);
    focus = node.key;
  }
  if (!full.nodes.has(focus)) return null;
  const parents = new Map<string, LineageEdge[]>();
  const children = new Map<string, LineageEdge[]>();
  for (const e of full.edges) {
    parents.set(e.to, [...(parents.get(e.to) ?? []), e]);
    children.set(e.from, [...(children.get(e.from) ?? []), e]);
  }
  const walk = (start: string, next: (key: string) => string[]): Set<string> => {
    const seen = new Set<string>();
    const queue = [start];
    while (queue.length > 0) {
      const key = queue.shift() as string;
      for (const n of next(key)) {
        if (seen.has(n) || n === start) continue;
        seen.add(n);
        queue.push(n);
      }
    }
    return seen;
  };
  const up = walk(focus, (k) => (parents.get(k) ?? []).map((e) => e.from));
  const down = walk(focus, (k) => (children.get(k) ?? []).map((e) => e.to));
  const keep = new Set([focus, ...up, ...down]);
  // What shaped each downstream node (its approval, its spec, the other versions it read) is part
  // of the answer; a product version's forward view leaves out the other products those runs read.
  for (const key of down) {
    for (const e of parents.get(key) ?? []) {
      const kind = full.nodes.get(e.from)?.kind;
      if (kind === 'product_version' && object.kind === 'product_version') continue;
      keep.add(e.from);
    }
  }
  const edges = full.edges.filter((e) => keep.has(e.from) && keep.has(e.to));
  const nodes = [...keep].map((k) => full.nodes.get(k) as LineageNode);
  return { focus, nodes: sortNodes(nodes), edges, layers: layersOf(nodes, edges) };
}

const KIND_ORDER = ['product_version', 'saved_spec', 'approval', 'analysis', 'audience_version', 'export', 'activation'];

function sortNodes(nodes: LineageNode[]): LineageNode[] {
  return [...nodes].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.at ?? '').localeCompare(b.at ?? '') || a.key.localeCompare(b.key),
  );
}

/**
 * Upstream -> downstream layers: each node one layer below its deepest parent; a node nothing
 * feeds sits just above its first consumer (an approval beside the segment it ruled on, not
 * beside the data products at the top).
 */
export function layersOf(nodes: readonly LineageNode[], edges: readonly LineageEdge[]): string[][] {
  const depth = new Map<string, number>();
  const parents = new Map<string, string[]>();
  for (const e of edges) parents.set(e.to, [...(parents.get(e.to) ?? []), e.from]);
  const visiting = new Set<string>();
  const depthOf = (key: string): number => {
    const known = depth.get(key);
    if (known !== undefined) return known;
    if (visiting.has(key)) return 0; // a cycle cannot come from the log; guard anyway
    visiting.add(key);
    const d = Math.max(-1, ...(parents.get(key) ?? []).map(depthOf)) + 1;
    visiting.delete(key);
    depth.set(key, d);
    return d;
  };
  nodes.forEach((n) => depthOf(n.key));
  for (const n of nodes) {
    if ((parents.get(n.key) ?? []).length > 0) continue;
    const childDepths = edges.filter((e) => e.from === n.key).map((e) => depth.get(e.to) ?? 1);
    if (childDepths.length > 0) depth.set(n.key, Math.max(0, Math.min(...childDepths) - 1));
  }
  const layers: string[][] = [];
  for (const n of sortNodes([...nodes])) {
    const d = depth.get(n.key) ?? 0;
    while (layers.length <= d) layers.push([]);
    layers[d]?.push(n.key);
  }
  return layers.filter((l) => l.length > 0);
}
