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
    case 'calibrated_attribution': {
      // The attribution's products, plus those its geo tests and experiments read.
      const text = JSON.stringify(spec ?? {});
      const products = ['touchpoints', 'conversions'];
      if (text.includes('"geo_experiment"')) products.push('geo_sales');
      if (text.includes('"experiment"')) products.push('experiment_assignments');
      return products;
    }
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
