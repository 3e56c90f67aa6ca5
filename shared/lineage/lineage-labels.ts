import { humanize } from '../display-names';
import type { LineageNodeKind } from './lineage-graph';

/** Analysis kinds (spec `kind`) as people call them. */
const ANALYSIS_NAMES: Record<string, string> = {
  attribution: 'Attribution',
  segment: 'Segment',
  experiment: 'Experiment',
  geo_experiment: 'Geo test',
  geo_plan: 'Geo test plan',
  calibrated_attribution: 'Calibrated attribution',
  budget: 'Budget plan',
  dashboard_view: 'Campaign dashboard view',
};

export function analysisName(kind: string | null | undefined): string {
  if (!kind) return 'Analysis';
  return ANALYSIS_NAMES[kind] ?? humanize(kind);
}

/** Node kinds, singular and plural (layer headings, the picker). */
export const NODE_KIND_NAMES: Record<LineageNodeKind, { one: string; many: string }> = {
  product_version: { one: 'Product version', many: 'Product versions' },
  saved_spec: { one: 'Saved spec', many: 'Saved specs' },
  analysis: { one: 'Analysis run', many: 'Analysis runs' },
  export: { one: 'Export', many: 'Exports' },
  audience_version: { one: 'Audience version', many: 'Audience versions' },
  approval: { one: 'Decision', many: 'Decisions' },
  activation: { one: 'Activation', many: 'Activations' },
};

/** The data products each result-table export kind (exports-contract EXPORT_KINDS) is computed from. */
export const EXPORT_KIND_PRODUCTS: Record<string, readonly string[]> = {
  attribution: ['touchpoints', 'conversions'],
  experiment: ['experiment_assignments', 'conversions'],
  segment_members: ['customers'],
  audience_members: ['customers'],
};

/** The analysis kind whose run a result-table export comes from. */
export const EXPORT_KIND_ANALYSIS: Record<string, string> = {
  attribution: 'attribution',
  experiment: 'experiment',
  segment_members: 'segment',
};
