import { channelName, humanize } from '../../../../shared/display-names';
import type { DashboardFilter } from '../../../../shared/ipc/campaigns-contract';
import { exportCaption, type ExportCaption } from '../../ui/export-caption';
import type { Options } from './campaigns-store';

/** A dashboard chart's PNG caption: its title, the date range and the filters by display name. */
export function dashboardCaption(title: string, filter: DashboardFilter, options: Options | null): ExportCaption {
  const names = new Map((options?.campaigns ?? []).map((c) => [c.id, c.name]));
  return exportCaption(title, { from: filter.from, to: filter.to }, [
    { label: 'channels', values: (filter.channels ?? []).map((c) => channelName(c)) },
    { label: 'platforms', values: (filter.platforms ?? []).map((p) => humanize(p)) },
    { label: 'campaigns', values: (filter.campaigns ?? []).map((c) => names.get(c) ?? c) },
  ]);
}
