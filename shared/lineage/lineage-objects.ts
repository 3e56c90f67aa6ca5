import { buildFullGraph, type LineageSources } from './build-lineage';
import { LINEAGE_OBJECT_KINDS, type LineageObject } from './lineage-graph';
import { NODE_KIND_NAMES } from './lineage-labels';

export interface LineageObjectSummary extends LineageObject {
  title: string;
  subtitle: string;
  at: string | null;
  who: string | null;
}

const OBJECT_KINDS = new Set<string>(LINEAGE_OBJECT_KINDS);

/**
 * Every object this laptop can show the lineage of, newest first: runs, exports, audience versions
 * and activations from the log, product versions in the cache or read by a run, and saved specs.
 */
export function lineageObjects(sources: LineageSources, limit = 100): LineageObjectSummary[] {
  const { nodes } = buildFullGraph(sources);
  const out: LineageObjectSummary[] = [];
  for (const node of nodes.values()) {
    if (!OBJECT_KINDS.has(node.kind)) continue;
    out.push({ kind: node.kind as LineageObject['kind'], id: node.id, title: node.title, subtitle: node.subtitle, at: node.at, who: node.who });
  }
  for (const item of sources.saved) {
    if (nodes.has(`saved_spec:${item.id}`)) continue;
    out.push({ kind: 'saved_spec', id: item.id, title: item.name, subtitle: `saved ${item.kind.replace(/_/g, ' ')}`, at: null, who: null });
  }
  return out.sort((a, b) => (b.at ?? '').localeCompare(a.at ?? '') || a.title.localeCompare(b.title)).slice(0, limit);
}

/** "There is no analysis run 12 on this laptop": the object kind in words. */
export function notFoundMessage(object: LineageObject): string {
  const what = NODE_KIND_NAMES[object.kind].one.toLowerCase();
  return `This laptop has no record of that ${what} (${object.id}): its activity log, saved specs and pulled versions do not mention it.`;
}
