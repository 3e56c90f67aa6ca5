import { z } from 'zod';
import { lineageGraphSchema, lineageObjectSchema, LINEAGE_OBJECT_KINDS } from '../lineage/lineage-graph';
import { call } from './define';

/** One object whose lineage can be opened, as the Lineage page's picker lists it. */
export const lineageObjectViewSchema = z.object({
  kind: z.enum(LINEAGE_OBJECT_KINDS),
  id: z.string(),
  title: z.string(),
  subtitle: z.string(),
  at: z.string().nullable(),
  who: z.string().nullable(),
});
export type LineageObjectView = z.infer<typeof lineageObjectViewSchema>;

/** Lineage: where an analysis, export, audience version or activation came from, and what a product version fed (docs/governance.md#lineage). */
export const lineageContract = {
  forObject: call(
    'Where one object came from and what it fed, from the activity log, saved specs and the extract cache',
    lineageObjectSchema,
    z.object({ graph: lineageGraphSchema }),
  ),
  openLineage: call(
    'The same lineage as OpenLineage 2-0-2 RunEvents (JSON), for a catalog to ingest',
    lineageObjectSchema,
    z.object({ events: z.array(z.record(z.string(), z.unknown())), fileName: z.string() }),
  ),
  recent: call(
    'Objects whose lineage can be shown, newest first',
    z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    z.object({ objects: z.array(lineageObjectViewSchema) }),
  ),
};
