import { columnKind } from '../../shared/analysis/segment/compile-segment';
import { DataError } from '../engine/load-products';

/** What the check needs of a loaded product (the CLI's LoadedProduct, or a table's catalog entry). */
export interface ProductColumns {
  id: string;
  columns: readonly { name: string; type: string }[];
  files?: readonly string[];
}

/**
 * The types SPEC section 1 pins for the columns analyses compute with. An extract whose
 * `occurred_at` arrived as VARCHAR would otherwise fail mid-query with a conversion error (or,
 * worse, compare as text); checking first names the column and exits 3 like any unreadable data.
 */
type Kind = 'time' | 'number' | 'string';

const PINNED: Record<string, Record<string, Kind>> = {
  customers: { signup_at: 'time', consent_updated_at: 'time', ltv: 'number', email: 'string', country: 'string', lifecycle_stage: 'string' },
  touchpoints: { occurred_at: 'time', channel: 'string', interaction: 'string' },
  conversions: { occurred_at: 'time', conversion_type: 'string', revenue: 'number' },
  events: { occurred_at: 'time', event_name: 'string' },
  experiment_assignments: { assigned_at: 'time', variant: 'string' },
  campaign_performance: { date: 'time', spend: 'number', impressions: 'number', clicks: 'number', conversions: 'number', revenue: 'number' },
};

const KIND_WORDS: Record<Kind, string> = {
  time: 'a TIMESTAMP (or DATE)',
  number: 'a number (DOUBLE, BIGINT, ...)',
  string: 'text (VARCHAR)',
};

/** Throws DataError `unreadable_data` naming the first pinned column of a wrong type. */
export function checkPinnedTypes(products: readonly ProductColumns[], only?: ReadonlySet<string>): void {
  for (const product of products) {
    if (only && !only.has(product.id)) continue;
    const pinned = PINNED[product.id];
    if (!pinned) continue;
    for (const column of product.columns) {
      const want = pinned[column.name];
      if (want === undefined || columnKind(column.type) === want) continue;
      throw new DataError(
        'unreadable_data',
        `The extract of '${product.id}' has column ${column.name} as ${column.type}; SPEC pins it as ${KIND_WORDS[want]}${product.files?.length ? ` (files: ${product.files.join(', ')})` : ''}. Re-export the extract with the pinned type.`,
        product.files?.[0] ?? product.id,
      );
    }
  }
}
