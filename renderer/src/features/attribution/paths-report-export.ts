import type { ExportTable } from '../../../../shared/ipc/exports-contract';
import { channelName, pathName } from '../../../../shared/display-names';

export type PathView = 'path' | 'first' | 'middle' | 'last';

export interface PathsReportRow {
  key: string;
  conversions: number;
  revenue: number;
  share: number;
}

export const VIEW_LABELS: Record<PathView, { label: string; column: string }> = {
  path: { label: 'Whole path', column: 'Path (repeats collapsed)' },
  first: { label: 'First touch', column: 'Channel of the first touch' },
  middle: { label: 'Middle touches', column: 'Channel of a middle touch' },
  last: { label: 'Last touch', column: 'Channel of the last touch' },
};

/** A row's name for people: a path with channel names joined by arrows, or a channel's name. */
export function rowName(view: PathView, key: string): string {
  return view === 'path' ? pathName(key) : channelName(key);
}

/** The report's rows as an export table (CSV and Parquet alike): names people read, then the ids. */
export function pathsReportTable(view: PathView, rows: readonly PathsReportRow[], conversionType: string): ExportTable {
  return {
    kind: 'attribution',
    title: `conversion paths of ${conversionType} (${VIEW_LABELS[view].label.toLowerCase()})`,
    columns: [
      { name: VIEW_LABELS[view].column, type: 'VARCHAR' },
      { name: 'ids', type: 'VARCHAR' },
      { name: 'conversions', type: 'BIGINT' },
      { name: 'revenue', type: 'DOUBLE' },
      { name: 'share of converting journeys', type: 'DOUBLE' },
    ],
    rows: rows.map((r) => [rowName(view, r.key), r.key, r.conversions, r.revenue, r.share]),
  };
}
