import { z } from 'zod';

/**
 * The lineage graph: what an object read and what it fed. Nodes are the things a marketer can
 * point at (a product version, a saved spec, an analysis run, an export, an audience version, its
 * approval, an activation); edges run upstream -> downstream.
 */
export const LINEAGE_NODE_KINDS = ['product_version', 'saved_spec', 'analysis', 'export', 'audience_version', 'approval', 'activation'] as const;
export type LineageNodeKind = (typeof LINEAGE_NODE_KINDS)[number];

/**
 * What an edge means, read from upstream to downstream: `read` (a run read a product version),
 * `specified` (a saved spec is what a run ran), `fed` (a saved segment fed an audience version, an
 * audience version an activation, an analysis run the export after it), `approved` (a decision on an
 * audience version: its approver).
 */
export const LINEAGE_RELATIONS = ['read', 'specified', 'fed', 'approved'] as const;
export type LineageRelation = (typeof LINEAGE_RELATIONS)[number];

export const qualitySummarySchema = z.object({
  status: z.enum(['passed', 'warnings', 'failed', 'unchecked']),
  failedErrors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  checked: z.number().int().nonnegative(),
});

/** A contract's quality rule as measured on a product version (for the OpenLineage assertions). */
export const lineageAssertionSchema = z.object({ id: z.string(), column: z.string().nullable(), text: z.string(), passed: z.boolean() });

export const lineageNodeSchema = z.object({
  /** `<kind>:<id>`, unique in a graph. */
  key: z.string(),
  kind: z.enum(LINEAGE_NODE_KINDS),
  /** The object's id for `lineage.forObject` (a seq, `product@version`, `audience@version`...). */
  id: z.string(),
  /** What a person reads: "Touchpoints", "Attribution run", "Spring promo v2". */
  title: z.string(),
  /** One line under the title: "version 2026-06-30", "attribution", "to Meta Ads custom audience". */
  subtitle: z.string(),
  /** When it happened (run, export, submission, decision, activation) or was pulled (product version). */
  at: z.string().nullable(),
  /** Who ran, exported, requested, approved or activated it, or pulled the version. */
  who: z.string().nullable(),
  /** False when this laptop only knows the object by reference (another laptop built it, or the version was pruned). */
  recorded: z.boolean(),
  /** Plain-words facts for the card: [{label, value}]. */
  facts: z.array(z.object({ label: z.string(), value: z.string() })),
  /** Activity-log line the node comes from (for the link back and a stable run id). */
  seq: z.number().int().nullable(),
  entryHash: z.string().nullable(),
  /** Product versions only. */
  product: z
    .object({
      id: z.string(),
      version: z.string(),
      contractVersion: z.string().nullable(),
      meshUrl: z.string().nullable(),
      quality: qualitySummarySchema.nullable(),
      assertions: z.array(lineageAssertionSchema).nullable(),
      /** The contract's columns (name and type) for the OpenLineage schema facet; null when the contract is not on this laptop. */
      schema: z.array(z.object({ name: z.string(), type: z.string(), description: z.string() })).nullable(),
    })
    .nullable(),
});
export type LineageNode = z.infer<typeof lineageNodeSchema>;

export const lineageEdgeSchema = z.object({
  from: z.string(),
  to: z.string(),
  relation: z.enum(LINEAGE_RELATIONS),
  /** True when the link is inferred rather than recorded (an export's analysis: the latest run of that kind before it). */
  inferred: z.boolean(),
});
export type LineageEdge = z.infer<typeof lineageEdgeSchema>;

export const lineageGraphSchema = z.object({
  focus: z.string(),
  nodes: z.array(lineageNodeSchema),
  edges: z.array(lineageEdgeSchema),
  /** Upstream -> downstream layers of node keys (each node in one layer). */
  layers: z.array(z.array(z.string())),
});
export type LineageGraph = z.infer<typeof lineageGraphSchema>;

/** The objects whose lineage can be asked for, and how they are named (`kind:id`, the CLI's `--object`). */
export const LINEAGE_OBJECT_KINDS = ['product_version', 'saved_spec', 'analysis', 'export', 'audience_version', 'activation'] as const;
export const lineageObjectSchema = z
  .object({
    kind: z.enum(LINEAGE_OBJECT_KINDS),
    id: z.string().trim().min(1, 'Say which object').max(300, 'That id is too long'),
  })
  .strict();
export type LineageObject = z.infer<typeof lineageObjectSchema>;

/** `analysis:12`, `product_version:touchpoints@2026-06-30`: split at the first colon. */
export function parseObjectRef(text: string): LineageObject | null {
  const at = text.indexOf(':');
  if (at <= 0) return null;
  const parsed = lineageObjectSchema.safeParse({ kind: text.slice(0, at), id: text.slice(at + 1) });
  return parsed.success ? parsed.data : null;
}

export function objectRef(object: LineageObject): string {
  return `${object.kind}:${object.id}`;
}
