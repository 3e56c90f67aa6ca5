/** The left navigation, in the order a marketer works: find data, analyse, act, audit. */
export const ROUTES = [
  { id: 'catalog', label: 'Catalog', hint: 'Governed data products' },
  { id: 'campaigns', label: 'Campaigns', hint: 'Campaign Performance 360' },
  { id: 'attribution', label: 'Attribution', hint: 'Compare attribution models' },
  { id: 'segments', label: 'Segments', hint: 'Build customer segments' },
  { id: 'experiments', label: 'Experiments', hint: 'Experiments and holdouts' },
  { id: 'geo', label: 'Geo tests', hint: 'Geo experiments and incrementality' },
  { id: 'planner', label: 'Budget planner', hint: 'Response curves, budget split and forecast' },
  { id: 'audiences', label: 'Audiences', hint: 'Activate approved audiences' },
  { id: 'activity', label: 'Activity', hint: 'Tamper-evident activity log' },
  { id: 'lineage', label: 'Lineage', hint: 'Where data came from and what it fed' },
  { id: 'settings', label: 'Settings', hint: 'Meshes, theme, about' },
] as const;

export type RouteId = (typeof ROUTES)[number]['id'];

export function isRouteId(value: string): value is RouteId {
  return ROUTES.some((route) => route.id === value);
}
