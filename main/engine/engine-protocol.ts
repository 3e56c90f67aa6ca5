import { z } from 'zod';
import { metricsQuerySchema } from '../../shared/metrics/metrics-query';
import { pageRequestSchema } from './page-query';

/**
 * The engine process's message protocol (documented in docs/engine.md). A request is
 * `{id, method, params}`; the answer is `{id, ok: true, result}` or `{id, ok: false, error}`;
 * while a request runs the engine may send `{id, progress}` (0..100). Arrow results are
 * `Uint8Array` IPC stream bytes, so the transport must carry binary (Electron's parentPort
 * does; child_process.fork needs `serialization: 'advanced'`).
 */
const rule = z.unknown();
const asOf = z.string().optional();

export const engineRequestSchema = z.discriminatedUnion('method', [
  z.object({ id: z.union([z.string(), z.number()]), method: z.literal('openWorkspace'), params: z.object({ path: z.string().min(1) }) }),
  z.object({
    id: z.union([z.string(), z.number()]),
    method: z.literal('loadProducts'),
    params: z.object({ dataDir: z.string().min(1), as: z.enum(['table', 'view']).optional(), only: z.array(z.string()).optional() }),
  }),
  z.object({ id: z.union([z.string(), z.number()]), method: z.literal('tables'), params: z.object({}).default({}) }),
  z.object({ id: z.union([z.string(), z.number()]), method: z.literal('runAnalysis'), params: z.object({ spec: z.unknown() }) }),
  z.object({ id: z.union([z.string(), z.number()]), method: z.literal('segmentCount'), params: z.object({ rule, as_of: asOf }) }),
  z.object({
    id: z.union([z.string(), z.number()]),
    method: z.literal('segmentPreview'),
    params: z.object({ rule, as_of: asOf, limit: z.number().int().min(1).max(1000).default(50), piiAccess: z.boolean() }),
  }),
  z.object({ id: z.union([z.string(), z.number()]), method: z.literal('segmentOverlap'), params: z.object({ rules: z.array(rule).min(1).max(12), as_of: asOf }) }),
  z.object({ id: z.union([z.string(), z.number()]), method: z.literal('metrics'), params: metricsQuerySchema }),
  z.object({
    id: z.union([z.string(), z.number()]),
    method: z.literal('power'),
    params: z.object({
      type: z.enum(['proportion', 'mean']),
      conversion_type: z.string().min(1),
      window_days: z.number().gt(0).max(3650).default(28),
      as_of: z.string().min(1),
      alpha: z.number().gt(0).lt(1).default(0.05),
      power: z.number().gt(0).lt(1).default(0.8),
      /** Users per arm to report the MDE for; defaults to half of all customers each. */
      users_per_variant: z.number().int().min(1).optional(),
      /** Absolute effect to size the test for. */
      effect: z.number().gt(0).optional(),
    }),
  }),
  z.object({ id: z.union([z.string(), z.number()]), method: z.literal('page'), params: pageRequestSchema }),
  // Who is asking: without PII access, conditions on `piiColumns` are refused and previews masked.
  z.object({
    id: z.union([z.string(), z.number()]),
    method: z.literal('setAccess'),
    params: z.object({ piiAccess: z.boolean(), piiColumns: z.array(z.string()).max(1000) }),
  }),
  // Files outside these folders become unreachable for this database (file-access.ts); once only.
  z.object({
    id: z.union([z.string(), z.number()]),
    method: z.literal('restrictFiles'),
    params: z.object({ directories: z.array(z.string().min(1)).min(1).max(20), tempDirectory: z.string().min(1).optional() }),
  }),
  // How long an interactive request may run before DuckDB is interrupted (0: no limit).
  z.object({ id: z.union([z.string(), z.number()]), method: z.literal('configure'), params: z.object({ queryTimeoutMs: z.number().int().min(0).max(3_600_000) }) }),
  z.object({ id: z.union([z.string(), z.number()]), method: z.literal('cancel'), params: z.object({ requestId: z.union([z.string(), z.number()]) }) }),
  // Trusted SQL from main-process code (compiled by shared/ from known columns, values bound):
  // the renderer can never reach the engine process, so no user-typed SQL arrives here.
  z.object({
    id: z.union([z.string(), z.number()]),
    method: z.literal('sql'),
    params: z.object({
      sql: z.string().min(1),
      params: z.array(z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string()), z.array(z.number())])).default([]),
      format: z.enum(['rows', 'arrow', 'none']).default('rows'),
    }),
  }),
]);
export type EngineRequest = z.infer<typeof engineRequestSchema>;
export type EngineMethod = EngineRequest['method'];

export interface EngineErrorBody {
  code: string;
  message: string;
  path?: string;
}

export type EngineResponse =
  | { id: string | number | null; ok: true; result: unknown }
  | { id: string | number | null; ok: false; error: EngineErrorBody };

export interface EngineProgress {
  id: string | number;
  progress: number;
}
