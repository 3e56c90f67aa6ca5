import type { LineageEdge, LineageGraph, LineageNode } from '../../../../shared/lineage/lineage-graph';
import { NODE_KIND_NAMES } from '../../../../shared/lineage/lineage-labels';
import { LINEAGE_OBJECT_KINDS, type LineageObject } from '../../../../shared/lineage/lineage-graph';

/** A layer's heading: the kinds of what it holds, in words ("Product versions and saved specs"). */
export function layerHeading(nodes: readonly LineageNode[]): string {
  const kinds = [...new Set(nodes.map((n) => n.kind))];
  const names = kinds.map((k, i) => {
    const name = nodes.filter((n) => n.kind === k).length === 1 ? NODE_KIND_NAMES[k].one : NODE_KIND_NAMES[k].many;
    return i === 0 ? name : name.toLowerCase();
  });
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

const RELATION_WORDS: Record<LineageEdge['relation'], string> = {
  read: 'read',
  specified: 'ran the spec of',
  fed: 'came from',
  approved: 'decided by',
};

/**
 * What a card says it came from, one line per upstream node: "read Touchpoints (version v7)",
 * "came from Attribution run (the latest run of its kind before it)".
 */
export function upstreamLines(graph: LineageGraph, key: string): string[] {
  const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
  return graph.edges
    .filter((e) => e.to === key)
    .map((e) => {
      const from = byKey.get(e.from);
      if (!from) return null;
      if (e.relation === 'specified') return `Ran the spec "${from.title}"`;
      if (e.relation === 'approved') return from.title;
      const what = from.kind === 'product_version' ? `${from.title} (${from.subtitle})` : from.title;
      const line = `${RELATION_WORDS[e.relation].charAt(0).toUpperCase()}${RELATION_WORDS[e.relation].slice(1)} ${what}`;
      return e.inferred ? `${line}, the latest run of its kind before it` : line;
    })
    .filter((l): l is string => l !== null);
}

/** The object a node is, when its own lineage can be opened (decisions are part of their audience's). */
export function nodeObject(node: LineageNode): LineageObject | null {
  return (LINEAGE_OBJECT_KINDS as readonly string[]).includes(node.kind) ? { kind: node.kind as LineageObject['kind'], id: node.id } : null;
}

/** The route param of an object's lineage (`#/lineage/<kind>:<id>`). */
export function lineageParam(object: LineageObject): string {
  return `${object.kind}:${object.id}`;
}
