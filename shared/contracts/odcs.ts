/**
 * The subset of the Open Data Contract Standard v3 (bitol.io ODCS v3.1) that the mesh serves
 * and the workbench reads: schema with logical and physical types, keys, classification,
 * PII tags, consent columns, SLA properties and library quality rules.
 *
 * Objects are loose: a contract written by another mesh may carry every other ODCS field and
 * still parse. Meshwork-specific facts (PII, consent purpose, pseudonymisation) travel in
 * ODCS `tags` and `customProperties`, where the standard puts extensions.
 */
import { z } from 'zod';

export const customPropertySchema = z.looseObject({
  property: z.string(),
  value: z.unknown(),
});

const thresholdFields = {
  mustBe: z.number().optional(),
  mustNotBe: z.number().optional(),
  mustBeGreaterThan: z.number().optional(),
  mustBeGreaterOrEqualTo: z.number().optional(),
  mustBeLessThan: z.number().optional(),
  mustBeLessOrEqualTo: z.number().optional(),
  mustBeBetween: z.tuple([z.number(), z.number()]).optional(),
  mustNotBeBetween: z.tuple([z.number(), z.number()]).optional(),
};

export const qualityRuleSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  type: z.enum(['library', 'text', 'sql', 'custom']).optional(),
  // Any metric parses: one Meshwork does not check (another mesh's extension) is listed as such
  // (quality-rules.ts), not a reason to refuse the whole contract.
  metric: z.string().optional(),
  unit: z.string().optional(),
  arguments: z.looseObject({ validValues: z.array(z.union([z.string(), z.number(), z.boolean()])).optional() }).optional(),
  description: z.string().optional(),
  dimension: z.string().optional(),
  severity: z.string().optional(),
  ...thresholdFields,
});
export type QualityRule = z.infer<typeof qualityRuleSchema>;

export const schemaPropertySchema = z.looseObject({
  name: z.string().min(1),
  // Optional in ODCS v3: a contract from another mesh may leave either out.
  logicalType: z.string().optional(),
  physicalType: z.string().optional(),
  description: z.string().optional(),
  required: z.boolean().optional(),
  unique: z.boolean().optional(),
  primaryKey: z.boolean().optional(),
  primaryKeyPosition: z.number().int().optional(),
  classification: z.string().optional(),
  tags: z.array(z.string()).optional(),
  examples: z.array(z.unknown()).optional(),
  customProperties: z.array(customPropertySchema).optional(),
  quality: z.array(qualityRuleSchema).optional(),
});
export type SchemaProperty = z.infer<typeof schemaPropertySchema>;

export const schemaObjectSchema = z.looseObject({
  name: z.string().min(1),
  physicalName: z.string().optional(),
  physicalType: z.string().optional(),
  logicalType: z.string().optional(),
  description: z.string().optional(),
  properties: z.array(schemaPropertySchema).min(1),
  quality: z.array(qualityRuleSchema).optional(),
});

export const slaPropertySchema = z.looseObject({
  property: z.string(),
  value: z.union([z.number(), z.string()]),
  unit: z.string().optional(),
  element: z.string().optional(),
});

export const teamMemberSchema = z.looseObject({
  username: z.string(),
  name: z.string().optional(),
  role: z.string().optional(),
});

export const odcsContractSchema = z.looseObject({
  apiVersion: z.string().regex(/^v3\./, 'must be an ODCS v3 apiVersion such as v3.1.0'),
  kind: z.literal('DataContract'),
  id: z.string().min(1),
  name: z.string().optional(),
  version: z.string().min(1),
  status: z.string().min(1),
  domain: z.string().optional(),
  dataProduct: z.string().optional(),
  tenant: z.string().optional(),
  description: z.looseObject({ purpose: z.string().optional(), usage: z.string().optional(), limitations: z.string().optional() }).optional(),
  team: z
    .union([z.looseObject({ name: z.string().optional(), description: z.string().optional(), members: z.array(teamMemberSchema) }), z.array(teamMemberSchema)])
    .optional(),
  tags: z.array(z.string()).optional(),
  schema: z.array(schemaObjectSchema).min(1),
  slaProperties: z.array(slaPropertySchema).optional(),
  customProperties: z.array(customPropertySchema).optional(),
});
export type OdcsContract = z.infer<typeof odcsContractSchema>;

export interface ContractColumn {
  name: string;
  physicalType: string;
  logicalType: string;
  required: boolean;
  primaryKey: boolean;
  pii: boolean;
  classification: string;
  /** Set on the consent columns: the purpose (`email`, `ads`, `analytics`) the column grants. */
  consentPurpose?: string;
  /** Set where the mesh pseudonymised the column for this caller: how (`email_sha256`, `null`). */
  pseudonymised?: string;
  description: string;
}

function customValue(props: readonly { property: string; value: unknown }[] | undefined, key: string): unknown {
  return props?.find((p) => p.property === key)?.value;
}

/** The columns of the contract's first schema object (each product has one table). */
export function contractColumns(contract: OdcsContract): ContractColumn[] {
  const table = contract.schema[0];
  if (!table) return [];
  return table.properties.map((p) => {
    const consent = customValue(p.customProperties, 'consentPurpose');
    const pseudonymised = customValue(p.customProperties, 'pseudonymised');
    const column: ContractColumn = {
      name: p.name,
      physicalType: p.physicalType ?? '',
      logicalType: p.logicalType ?? '',
      required: p.required ?? false,
      primaryKey: p.primaryKey ?? false,
      pii: (p.tags ?? []).includes('pii') || customValue(p.customProperties, 'pii') === true,
      classification: p.classification ?? 'internal',
      description: p.description ?? '',
    };
    if (typeof consent === 'string') column.consentPurpose = consent;
    if (typeof pseudonymised === 'string') column.pseudonymised = pseudonymised;
    return column;
  });
}

const LIBRARY_METRICS = ['rowCount', 'nullValues', 'missingValues', 'invalidValues', 'duplicateValues'] as const;
export type LibraryMetric = (typeof LIBRARY_METRICS)[number];
function libraryMetric(metric: string | undefined): metric is LibraryMetric {
  return (LIBRARY_METRICS as readonly (string | undefined)[]).includes(metric);
}

export interface ContractQualityCheck {
  /** null for table-level rules (row count). */
  column: string | null;
  metric: LibraryMetric;
  rule: QualityRule;
}

/** Every ODCS library quality rule of the contract's first table, table-level and column-level. */
export function contractQuality(contract: OdcsContract): ContractQualityCheck[] {
  const table = contract.schema[0];
  if (!table) return [];
  const checks: ContractQualityCheck[] = [];
  for (const rule of table.quality ?? []) {
    if (libraryMetric(rule.metric)) checks.push({ column: null, metric: rule.metric, rule });
  }
  for (const p of table.properties) {
    for (const rule of p.quality ?? []) {
      if (libraryMetric(rule.metric)) checks.push({ column: p.name, metric: rule.metric, rule });
    }
  }
  return checks;
}

/** Whether a measured metric value satisfies the rule's threshold (a rule without one passes). */
export function qualityThresholdHolds(rule: QualityRule, value: number): boolean {
  if (rule.mustBe !== undefined && value !== rule.mustBe) return false;
  if (rule.mustNotBe !== undefined && value === rule.mustNotBe) return false;
  if (rule.mustBeGreaterThan !== undefined && !(value > rule.mustBeGreaterThan)) return false;
  if (rule.mustBeGreaterOrEqualTo !== undefined && !(value >= rule.mustBeGreaterOrEqualTo)) return false;
  if (rule.mustBeLessThan !== undefined && !(value < rule.mustBeLessThan)) return false;
  if (rule.mustBeLessOrEqualTo !== undefined && !(value <= rule.mustBeLessOrEqualTo)) return false;
  if (rule.mustBeBetween && !(value >= rule.mustBeBetween[0] && value <= rule.mustBeBetween[1])) return false;
  if (rule.mustNotBeBetween && value >= rule.mustNotBeBetween[0] && value <= rule.mustNotBeBetween[1]) return false;
  return true;
}

/** SLA properties the catalog shows, in hours (latency = freshness). */
export function contractFreshnessHours(contract: OdcsContract): number | null {
  const latency = contract.slaProperties?.find((s) => s.property === 'latency');
  if (!latency || typeof latency.value !== 'number') return null;
  const unit = (latency.unit ?? 'h').toLowerCase();
  if (unit === 'd' || unit.startsWith('day')) return latency.value * 24;
  if (unit === 'm' || unit.startsWith('min')) return latency.value / 60;
  return latency.value;
}
