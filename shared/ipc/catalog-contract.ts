import { z } from 'zod';
import { call } from './define';
import { qualityResultSchema } from '../contracts/quality-rules';
import { contractChangeSchema } from '../contracts/contract-diff';

const productId = z.string().regex(/^[A-Za-z0-9_]{1,64}$/, 'is not a data product id');

export const freshnessSchema = z.enum(['fresh', 'due', 'stale', 'unknown']);

export const catalogEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  domain: z.string(),
  owner: z.string(),
  description: z.string(),
  version: z.string(),
  updated_at: z.string(),
  freshness_sla_hours: z.number(),
  classification: z.string(),
  pseudonymised: z.boolean(),
  freshness: freshnessSchema,
  cached: z.object({ version: z.string(), fetchedAt: z.string(), rows: z.number().nullable() }).nullable(),
  /** Whether the engine has this product loaded (cached and ready for analysis). */
  loaded: z.boolean(),
  /** The current cached version's quality check, for the catalog badge (absent: not pulled or not checked). */
  quality: z
    .object({ status: z.enum(['passed', 'warnings', 'failed', 'unchecked']), failedErrors: z.number(), warnings: z.number(), checked: z.number() })
    .optional(),
  /** The cached copy holds personal data: its contract's retention in days and when it is purged (docs/governance.md#retention). */
  retention: z.object({ days: z.number(), purgeAt: z.string() }).optional(),
});
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;

export const contractColumnSchema = z.object({
  name: z.string(),
  physicalType: z.string(),
  logicalType: z.string(),
  required: z.boolean(),
  primaryKey: z.boolean(),
  pii: z.boolean(),
  classification: z.string(),
  consentPurpose: z.string().optional(),
  pseudonymised: z.string().optional(),
  description: z.string(),
});

export const productDetailSchema = z.object({
  entry: catalogEntrySchema,
  contract: z.object({
    id: z.string(),
    version: z.string(),
    status: z.string(),
    purpose: z.string(),
    usage: z.string(),
    limitations: z.string(),
    team: z.array(z.object({ username: z.string(), role: z.string() })),
    columns: z.array(contractColumnSchema),
    /** Each rule in words; `checked` false for rules Meshwork cannot run (text, sql, unknown metrics). */
    quality: z.array(
      z.object({ id: z.string(), column: z.string().nullable(), rule: z.string(), severity: z.enum(['error', 'warning', 'info']), checked: z.boolean() }),
    ),
    sla: z.array(z.object({ property: z.string(), value: z.string() })),
  }),
  versions: z.array(z.object({ version: z.string(), fetchedAt: z.string(), rows: z.number().nullable(), current: z.boolean() })),
  consumers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string(),
      /** Columns it mentions that a newer contract removed or retyped: check it before rerunning. */
      changedColumns: z.array(z.string()).optional(),
    }),
  ),
  offline: z.boolean(),
  /** Quality results of the current cached version and of the last refused pull, and the contract change log. */
  governance: z
    .object({
      quality: z.object({ version: z.string(), results: z.array(qualityResultSchema) }).nullable(),
      refused: z.object({ version: z.string(), at: z.string(), message: z.string(), results: z.array(qualityResultSchema) }).nullable(),
      changeLog: z.array(
        z.object({ version: z.string(), fetchedAt: z.string(), fromVersion: z.string(), toVersion: z.string(), changes: z.array(contractChangeSchema) }),
      ),
    })
    .optional(),
});
export type ProductDetail = z.infer<typeof productDetailSchema>;

/** The catalog of governed data products, their contracts, and pulling extracts. */
export const catalogContract = {
  products: call(
    'Data products with freshness and cache state (from the cache when offline)',
    z.object({}).strict(),
    z.object({ products: z.array(catalogEntrySchema), offline: z.boolean() }),
  ),
  product: call('One product: contract, cached versions, consumers', z.object({ id: productId }).strict(), productDetailSchema),
  pull: call("Pull (or refresh) a product's extract as a background job", z.object({ id: productId }).strict(), z.object({ jobId: z.string() })),
};
