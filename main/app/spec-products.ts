import type { SavedItemKind } from '../../shared/ipc/workspace-contract';

/** The data products a saved item reads: the catalog lists its consumers from this. */
export function productsReadBy(kind: SavedItemKind, spec: unknown): string[] {
  switch (kind) {
    case 'attribution':
      return ['touchpoints', 'conversions'];
    case 'experiment':
      return ['experiment_assignments', 'conversions'];
    case 'dashboard_view':
    case 'budget':
      return ['campaign_performance'];
    case 'geo_experiment':
      return ['geo_sales'];
    case 'segment': {
      const text = JSON.stringify(spec ?? {});
      const products = ['customers'];
      if (text.includes('"event"')) products.push('events');
      if (text.includes('"conversion"')) products.push('conversions');
      if (text.includes('"churn_probability"')) products.push('churn_scores');
      return products;
    }
  }
}
