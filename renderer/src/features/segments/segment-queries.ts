import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { MeshworkApi } from '../../../../shared/ipc/contract';
import type { RuleNode } from '../../../../shared/specs/segment-rule';
import { useApiQuery } from '../../api/queries';

/**
 * The Segments screen's server state, through the query layer: pick lists and the contract are
 * cached queries, and every answer about the rule (count, funnel, preview, overlap, match
 * rates) is a query keyed by the rule, so a pull or a user switch (the event bridge invalidates
 * the `analysis` and `catalog` keys) refetches what is on screen, and a save refetches the
 * overlap through the saved-items list it reads.
 */
type Analysis = MeshworkApi['analysis'];
type Output<M extends keyof Analysis> = Awaited<ReturnType<Analysis[M]>>;

/** A live answer: the last one stays on screen while the next computes. */
export interface LiveAnswer<T> {
  result: T | null;
  running: boolean;
  error: (Error & { path?: string | undefined; code?: string }) | null;
}

/** `value` once it has stopped changing for `delayMs`: typing does not send a query per keystroke. */
export function useDebounced<T>(value: T, key: string, delayMs: number): T {
  const [settled, setSettled] = useState({ key, value });
  useEffect(() => {
    if (settled.key === key) return;
    const timer = window.setTimeout(() => setSettled({ key, value }), delayMs);
    return () => window.clearTimeout(timer);
  }, [key, value, delayMs, settled.key]);
  return settled.value;
}

/** Pick lists and descriptions the rule editor offers. Missing events or conversions leave their list empty. */
export function useSegmentPickers() {
  const columns = useApiQuery('analysis', 'customerColumns', {});
  const events = useApiQuery('analysis', 'eventNames', {});
  const conversions = useApiQuery('analysis', 'conversionTypes', {});
  const contract = useApiQuery('catalog', 'product', { id: 'customers' });
  const destinations = useApiQuery('audiences', 'destinations', {});
  return {
    columns: columns.data?.columns ?? null,
    latestActivity: columns.data?.latestActivity ?? null,
    columnsError: columns.error,
    events: events.data?.names ?? [],
    conversions: conversions.data?.types.map((t) => t.type) ?? [],
    contractColumns: contract.data?.contract.columns ?? [],
    destinations: destinations.data?.destinations ?? null,
    destinationsError: destinations.error,
  };
}

function live<T>(
  query: { data: T | undefined; isFetching: boolean; isPlaceholderData: boolean; error: Error | null },
  enabled: boolean,
  current: boolean,
): LiveAnswer<T> {
  if (!enabled) return { result: null, running: false, error: null };
  return {
    result: query.error ? null : (query.data ?? null),
    running: !current || query.isFetching || query.isPlaceholderData,
    error: query.error as LiveAnswer<T>['error'],
  };
}

/** A destination as the match-rate estimate needs it. */
export interface MatchTarget {
  id: string;
  purpose: string;
  identifier: string;
}

export interface SegmentQuestion {
  rule: RuleNode;
  as_of: string;
}

/**
 * Count, funnel, preview and match rates of the current rule (null while it is unfinished),
 * debounced so each settles once the user stops typing.
 */
export function useSegmentAnswers(question: SegmentQuestion | null, destinations: readonly MatchTarget[] | null) {
  const key = JSON.stringify(question);
  const asked = useDebounced(question, key, 300);
  const current = JSON.stringify(asked) === key;
  const enabled = asked !== null;
  const input = asked ?? { rule: { all: [] }, as_of: '' };
  const options = { enabled, placeholderData: keepPreviousData } as const;
  const count = useApiQuery('analysis', 'segmentCount', input, options);
  const funnel = useApiQuery('analysis', 'segmentFunnel', input, options);
  const preview = useApiQuery('analysis', 'segmentPreview', { ...input, limit: 50 }, options);
  const dests = (destinations ?? []).map((d) => ({ id: d.id, purpose: d.purpose, identifier: d.identifier }));
  const rates = useApiQuery('analysis', 'segmentMatchRates', { ...input, destinations: dests }, { ...options, enabled: enabled && dests.length > 0 });
  return {
    count: live<Output<'segmentCount'>>(count, enabled && question !== null, current),
    funnel: live<Output<'segmentFunnel'>>(funnel, enabled && question !== null, current),
    preview: live<Output<'segmentPreview'>>(preview, enabled && question !== null, current),
    matchRates: live<Output<'segmentMatchRates'>>(rates, enabled && question !== null && dests.length > 0, current),
  };
}

/** The overlap of this segment with saved ones (null while there is nothing to compare). */
export function useSegmentOverlap(input: { segments: { name: string; rule: RuleNode }[]; as_of: string } | null) {
  const key = JSON.stringify(input);
  const asked = useDebounced(input, key, 500);
  const enabled = asked !== null;
  const query = useApiQuery('analysis', 'segmentOverlap', asked ?? { segments: [], as_of: '' }, { enabled, placeholderData: keepPreviousData });
  return live<Output<'segmentOverlap'>>(query, enabled && input !== null, JSON.stringify(asked) === key);
}
