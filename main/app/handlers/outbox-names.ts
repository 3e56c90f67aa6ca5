import type { OutboxItem } from '../../mesh/outbox';

/**
 * An outbox item's summary with audiences and destinations by name ("Approve High value ads v2",
 * "... to Meta Ads custom audience"): the outbox writes ids, which mean nothing to a marketer.
 * Names come from what this laptop last saw; an unknown id stays as it is.
 */
export interface OutboxNames {
  audience: (id: string) => string | undefined;
  destination: (id: string) => string | undefined;
}

const DECISION_PATH = /^\/v1\/audiences\/([^/]+)\/versions\/(\d+)\/(approve|reject)$/;

export function namedSummary(item: Pick<OutboxItem, 'kind' | 'summary' | 'path' | 'body'>, names: OutboxNames): string {
  const body = (item.body ?? {}) as Record<string, unknown>;
  if (item.kind === 'submit_audience' && typeof body.name === 'string' && typeof body.destination === 'string' && Array.isArray(body.members)) {
    const count = body.members.length;
    return `Submit audience ${body.name} (${count} member${count === 1 ? '' : 's'}) to ${names.destination(body.destination) ?? body.destination}`;
  }
  const decision = DECISION_PATH.exec(item.path);
  if ((item.kind === 'approve' || item.kind === 'reject') && decision) {
    const id = decodeURIComponent(decision[1]!);
    const name = names.audience(id);
    if (name) return `${item.kind === 'approve' ? 'Approve' : 'Reject'} audience ${name} v${decision[2]}`;
  }
  if (item.kind === 'activate' && typeof body.audience_id === 'string' && typeof body.version === 'number') {
    const name = names.audience(body.audience_id);
    // The consent re-check's count stays in the line (what follows the version in the summary).
    if (name) return `Activate audience ${name} v${body.version}${/; \d+ removed because .*$/.exec(item.summary)?.[0] ?? ''}`;
  }
  return item.summary;
}
