import { readLineageDetails } from '../../../../shared/lineage/lineage-details';
import type { LineageObject } from '../../../../shared/lineage/lineage-graph';

/**
 * The object an activity-log entry is about, whose lineage its "Lineage" link opens: a pull's
 * product version, a run or an export itself, the audience version a submission or decision
 * concerns, an activation. Null for entries lineage has nothing to say about (connections).
 */
export function entryObject(entry: { seq: number; action: string; details: Record<string, unknown> }): LineageObject | null {
  const details = readLineageDetails(entry.details);
  const result = details.result as { id?: unknown; version?: unknown; audience_id?: unknown } | undefined;
  const resultId = typeof result?.id === 'string' ? result.id : null;
  const audience =
    details.audience ??
    (result && Number.isInteger(Number(result.version)) && Number(result.version) > 0
      ? (() => {
          const id = typeof result.audience_id === 'string' ? result.audience_id : resultId;
          return id ? { id, version: Number(result.version) } : undefined;
        })()
      : undefined);
  switch (entry.action) {
    case 'pull':
      return details.product && details.version ? { kind: 'product_version', id: `${details.product}@${details.version}` } : null;
    case 'analysis':
      return { kind: 'analysis', id: String(entry.seq) };
    case 'export':
      return { kind: 'export', id: String(entry.seq) };
    case 'submit':
    case 'approve':
    case 'reject':
      return audience ? { kind: 'audience_version', id: `${audience.id}@${audience.version}` } : null;
    case 'activate': {
      const activation = details.activationId ?? resultId;
      if (activation) return { kind: 'activation', id: activation };
      return audience ? { kind: 'audience_version', id: `${audience.id}@${audience.version}` } : null;
    }
    default:
      return null;
  }
}
