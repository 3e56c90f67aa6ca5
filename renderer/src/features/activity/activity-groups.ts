/**
 * The activity log as people read it: a marketer who reruns Attribution while moving a slider
 * makes dozens of entries in a minute; consecutive runs of the same analysis by the same user
 * collapse into one line ("Ran Attribution 5 times") that opens to show each run. Pulls,
 * exports, approvals and everything else stay one line each. Entries arrive newest first.
 */
import type { z } from 'zod';
import type { activityEntrySchema } from '../../../../shared/ipc/activity-contract';
import { humanize } from '../../../../shared/display-names';

export type ActivityEntry = z.infer<typeof activityEntrySchema>;

const ANALYSIS_NAMES: Record<string, string> = {
  attribution: 'Attribution',
  calibrated_attribution: 'Calibrated attribution',
  segment: 'a segment count',
  experiment: 'an experiment readout',
  geo_experiment: 'a geo test',
  geo_plan: 'a geo test plan',
  budget: 'the budget planner',
};

export interface ActivityGroup {
  /** Stable while the log grows at the top: the oldest entry's sequence number. */
  key: string;
  /** Newest first, as the log. */
  entries: ActivityEntry[];
  /** What the line says: the entry's summary, or "Ran Attribution 5 times" for a group. */
  label: string;
}

export function analysisName(kind: unknown): string {
  return typeof kind === 'string' ? (ANALYSIS_NAMES[kind] ?? humanize(kind)) : 'an analysis';
}

/** One entry in words: analysis runs by the analysis's name ("Ran Attribution"), others by their summary. */
export function entryLabel(entry: ActivityEntry): string {
  return entry.action === 'analysis' ? `Ran ${analysisName(entry.details.kind)}` : entry.summary;
}

function runKey(entry: ActivityEntry): string | null {
  return entry.action === 'analysis' ? `${entry.user}\u0000${String(entry.details.kind ?? '')}` : null;
}

export function groupActivity(entries: readonly ActivityEntry[]): ActivityGroup[] {
  const groups: ActivityGroup[] = [];
  let current: { key: string; entries: ActivityEntry[] } | null = null;
  const close = () => {
    if (!current) return;
    const list = current.entries;
    const first = list[0]!;
    // Analysis runs are named by the analysis ("Ran Attribution"), not the log's "Ran a attribution analysis".
    const label = first.action !== 'analysis' ? first.summary : `Ran ${analysisName(first.details.kind)}${list.length > 1 ? ` ${list.length} times` : ''}`;
    groups.push({ key: String(list[list.length - 1]!.seq), entries: list, label });
    current = null;
  };
  for (const entry of entries) {
    const key = runKey(entry);
    if (current && key !== null && key === current.key) {
      current.entries.push(entry);
      continue;
    }
    close();
    current = { key: key ?? `single:${entry.seq}`, entries: [entry] };
  }
  close();
  return groups;
}

export interface ActivityLine {
  entry: ActivityEntry;
  group: ActivityGroup;
  /** The group's own line (the newest entry), as opposed to one of its runs shown when opened. */
  head: boolean;
}

/** The table's lines: a group's head, and its runs under it when it is open. */
export function activityLines(groups: readonly ActivityGroup[], open: ReadonlySet<string>): ActivityLine[] {
  return groups.flatMap((group) => {
    const [head, ...rest] = group.entries;
    const lines: ActivityLine[] = [{ entry: head!, group, head: true }];
    if (group.entries.length > 1 && open.has(group.key)) lines.push(...[head!, ...rest].map((entry) => ({ entry, group, head: false })));
    return lines;
  });
}

/** `dataVersions` -> "Data versions", `spec_hash` -> "Spec hash". */
function words(key: string): string {
  return humanize(key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase());
}

/** An entry's details as label and text pairs, for the details panel (no raw JSON on screen). */
export function detailFacts(details: Readonly<Record<string, unknown>>): { label: string; text: string }[] {
  const text = (v: unknown): string => {
    if (v === null || v === undefined) return '—';
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (Array.isArray(v)) return v.map(text).join(', ');
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${words(k)}: ${text(x)}`)
      .join(' · ');
  };
  return Object.entries(details).map(([key, value]) => ({ label: key === 'ms' ? 'Took (ms)' : words(key), text: text(value) }));
}
