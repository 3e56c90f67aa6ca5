/**
 * A shared table mapped onto one of the mesh's core products (SPEC section 1) by column names.
 * Delta Sharing carries no ODCS data contract, so the check is against the core product's
 * pinned columns and types, the same rule a mesh pull applies to its contract.
 */
import type { OdcsContract } from '../../../shared/contracts/odcs';
import type { ActualColumn, SchemaMismatch } from '../../../shared/contracts/schema-check';
import { contractProblems } from '../contract-check';
import type { SharedColumn } from './spark-schema';

/** The pinned columns of the core products, with the physical type each is read as. */
export const CORE_PRODUCTS: Record<string, readonly (readonly [string, string])[]> = {
  customers: [
    ['customer_id', 'VARCHAR'],
    ['email', 'VARCHAR'],
    ['phone', 'VARCHAR'],
    ['country', 'VARCHAR'],
    ['signup_at', 'TIMESTAMP'],
    ['lifecycle_stage', 'VARCHAR'],
    ['ltv', 'DOUBLE'],
    ['consent_email', 'BOOLEAN'],
    ['consent_ads', 'BOOLEAN'],
    ['consent_analytics', 'BOOLEAN'],
    ['consent_updated_at', 'TIMESTAMP'],
  ],
  touchpoints: [
    ['touchpoint_id', 'VARCHAR'],
    ['customer_id', 'VARCHAR'],
    ['occurred_at', 'TIMESTAMP'],
    ['channel', 'VARCHAR'],
    ['campaign_id', 'VARCHAR'],
    ['interaction', 'VARCHAR'],
  ],
  conversions: [
    ['conversion_id', 'VARCHAR'],
    ['customer_id', 'VARCHAR'],
    ['occurred_at', 'TIMESTAMP'],
    ['conversion_type', 'VARCHAR'],
    ['revenue', 'DOUBLE'],
  ],
  events: [
    ['event_id', 'VARCHAR'],
    ['customer_id', 'VARCHAR'],
    ['occurred_at', 'TIMESTAMP'],
    ['event_name', 'VARCHAR'],
  ],
  campaign_performance: [
    ['date', 'DATE'],
    ['platform', 'VARCHAR'],
    ['channel', 'VARCHAR'],
    ['campaign_id', 'VARCHAR'],
    ['campaign_name', 'VARCHAR'],
    ['ad_set_id', 'VARCHAR'],
    ['ad_id', 'VARCHAR'],
    ['spend', 'DOUBLE'],
    ['impressions', 'BIGINT'],
    ['clicks', 'BIGINT'],
    ['conversions', 'DOUBLE'],
    ['revenue', 'DOUBLE'],
  ],
  experiment_assignments: [
    ['experiment_id', 'VARCHAR'],
    ['customer_id', 'VARCHAR'],
    ['variant', 'VARCHAR'],
    ['assigned_at', 'TIMESTAMP'],
  ],
};

export function isCoreProduct(id: string): boolean {
  return Object.hasOwn(CORE_PRODUCTS, id);
}

/** A contract-shaped description of the core product, so the mesh's own schema check applies unchanged. */
export function coreContract(product: string, source: string): OdcsContract {
  const columns = CORE_PRODUCTS[product] ?? [];
  return {
    apiVersion: 'v3.1.0',
    kind: 'DataContract',
    id: `delta-sharing:${source}`,
    version: '0',
    status: 'no-odcs-contract',
    description: {
      purpose: `Delta Sharing table ${source} mapped to the core product ${product}; the provider publishes no ODCS contract, so its pinned columns are checked.`,
    },
    schema: [{ name: product, properties: columns.map(([name, physicalType]) => ({ name, physicalType, required: true })) }],
  };
}

/** `core=shared,...` from the command line: core column name -> shared column name. */
export type ColumnMapping = Record<string, string>;

export function parseColumnMapping(text: string): ColumnMapping | string {
  const mapping: ColumnMapping = {};
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=([^=,]+)$/.exec(pair);
    if (!m) return `"${pair}" is not core_column=shared_column`;
    if (Object.hasOwn(mapping, m[1]!)) return `${m[1]} is mapped twice`;
    mapping[m[1]!] = m[2]!.trim();
  }
  return mapping;
}

export interface OutputColumn {
  /** The column's name in the installed parts. */
  name: string;
  source: SharedColumn;
}

/**
 * The installed parts' columns: shared columns renamed per the mapping, every other column kept
 * under its own name. Mapping problems (unknown shared column, two names for one column, a
 * rename that collides with a kept column) are returned as messages.
 */
export function outputColumns(columns: readonly SharedColumn[], mapping: ColumnMapping): OutputColumn[] | string {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const renamed = new Map<string, string>();
  for (const [core, shared] of Object.entries(mapping)) {
    if (!byName.has(shared)) return `the shared table has no column ${shared} (it has ${columns.map((c) => c.name).join(', ')})`;
    if (renamed.has(shared)) return `the shared column ${shared} is mapped to both ${renamed.get(shared)} and ${core}`;
    renamed.set(shared, core);
  }
  const out = columns.map((c) => ({ name: renamed.get(c.name) ?? c.name, source: c }));
  const names = new Set<string>();
  for (const c of out) {
    if (names.has(c.name.toLowerCase())) return `two columns would be called ${c.name}; map the other one too or pick another name`;
    names.add(c.name.toLowerCase());
  }
  return out;
}

/** The mapped columns against the core product's pinned columns, before anything is downloaded. */
export function mappingProblems(product: string, columns: readonly ActualColumn[], source: string): SchemaMismatch[] {
  return contractProblems(coreContract(product, source), columns);
}
