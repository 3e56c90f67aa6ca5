import { z } from 'zod';
import type { AnalysisResult } from '../../shared/analysis/results/analysis-result';
import type { AudienceMember } from '../../shared/analysis/audience/audience-sql';
import type { RecheckedMember } from '../../shared/analysis/audience/consent-recheck-sql';
import type { PathsSummary } from '../../shared/analysis/attribution/conversion-paths';
import type { SweepResult } from '../../shared/analysis/attribution/sweep';
import { PATH_VIEWS, type PathsReport } from '../../shared/analysis/attribution/paths-views-sql';
import type { ExperimentSummary } from '../../shared/analysis/assignments/assignments-sql';
import type { MetricValues } from '../../shared/analysis/campaigns/run-dashboard';
import type { CustomerColumn } from '../../shared/analysis/pickers/pickers-sql';
import type { SegmentFunnel } from '../../shared/analysis/segment/funnel-sql';
import type { MatchRate } from '../../shared/analysis/segment/match-rate-sql';
import { METRIC_IDS } from '../../shared/metrics/metrics';
import type { GeoOverview } from '../../shared/analysis/geo/geo-tests';
import type { PrePeriodStats } from '../../shared/analysis/experiment/pre-period';
import type { MdeResult } from '../../shared/stats/power';
import type { ForecastResult } from '../../shared/analysis/forecast/run-forecast';
import type { ChurnCalibration } from '../../shared/analysis/churn/calibration-sql';
import type { ParquetDescription } from './parquet-footer';
import { qualityCheckSchema, type QualityResult } from '../../shared/contracts/quality-rules';
import type { LoadedProduct } from './load-products';
import { PRODUCT_ID_PATTERN } from './sql-identifiers';
import { exportTableSchema } from '../../shared/ipc/exports-contract';

/**
 * The engine process's message protocol (documented in docs/engine.md): named operations only.
 * No SQL crosses the process boundary; main names what it wants and the engine compiles and
 * runs it with the shared runners. A request is `{id, method, params}`; the answer is
 * `{id, ok: true, result}` or `{id, ok: false, error}`; while a request runs the engine may send
 * `{id, progress}` (0..100). Arrow results are `Uint8Array` IPC stream bytes, so the transport
 * must carry binary (Electron's parentPort does; child_process.fork needs
 * `serialization: 'advanced'`).
 *
 * `engineMethods` maps each method to its params schema (parsed in the engine: main is trusted,
 * but a malformed message must fail with a path, not deep in SQL) and its result type (a
 * phantom: the engine produces it, so it is typed, not re-validated). The client in
 * main/app/engine-client.ts is typed from this map.
 */
function op<Result>() {
  return <P extends z.ZodType>(params: P) => ({ params, result: z.custom<Result>() });
}

const asOf = z.string().max(40).optional();
/** A segment rule: parsed in the engine by parseRule, which reports the rule's own paths. */
const rule = z.unknown();

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-06-30');
const filter = z.object({
  from: isoDate,
  to: isoDate,
  channels: z.array(z.string()).readonly(),
  platforms: z.array(z.string()).readonly(),
  campaigns: z.array(z.string()).readonly(),
});
const gridQuery = z.object({
  filter,
  level: z.enum(['campaign', 'ad_set', 'ad']),
  parent: z.object({ campaign_id: z.string().optional(), ad_set_id: z.string().optional() }),
  search: z.string(),
});
const none = z.object({}).strict();

export interface PowerResult extends MdeResult {
  pre_period: PrePeriodStats;
  users_per_variant: number;
  required_users: number | null;
}

export const engineMethods = {
  openWorkspace: op<{ path: string }>()(z.object({ path: z.string().min(1) }).strict()),
  loadProducts: op<LoadedProduct[]>()(
    z.object({ dataDir: z.string().min(1), as: z.enum(['table', 'view']).optional(), only: z.array(z.string()).optional() }).strict(),
  ),
  /** Schema and row count of Parquet parts from their footers (the mesh client's contract check). */
  describeParquet: op<ParquetDescription>()(z.object({ files: z.array(z.string().min(1)).min(1) }).strict()),
  /** A contract's quality rules measured on staged Parquet parts (the pull's quality check, docs/governance.md). */
  'quality.check': op<QualityResult[]>()(
    z.object({ files: z.array(z.string().min(1)).min(1), checks: z.array(qualityCheckSchema).max(5000), now: z.iso.datetime() }).strict(),
  ),
  /** Drops a product's table or view: an extract the current identity may not read, or a damaged one. */
  'products.unload': op<{ dropped: boolean }>()(z.object({ id: z.string().regex(PRODUCT_ID_PATTERN, 'must be a product id').max(100) }).strict()),

  // Session settings, sent once per workspace (and replayed by the client after a restart).
  /** Who is asking: without PII access, rule conditions on `piiColumns` are refused and previews masked. */
  setAccess: op<{ piiAccess: boolean }>()(z.object({ piiAccess: z.boolean(), piiColumns: z.array(z.string().min(1).max(200)).max(1000) }).strict()),
  /** Files outside these folders become unreachable for this database (file-access.ts); once per workspace. */
  restrictFiles: op<{ restricted: true }>()(
    z.object({ directories: z.array(z.string().min(1).max(4096)).min(1).max(20), tempDirectory: z.string().min(1).max(4096).optional() }).strict(),
  ),
  /** How long an interactive request may run before DuckDB is interrupted (0: no limit). */
  configure: op<{ queryTimeoutMs: number }>()(z.object({ queryTimeoutMs: z.number().int().min(0).max(3_600_000) }).strict()),

  'analysis.run': op<AnalysisResult>()(z.object({ spec: z.unknown() }).strict()),

  'attribution.sweep': op<SweepResult>()(
    z
      .object({
        spec: z.unknown(),
        param: z.enum(['lookback_days', 'half_life_days', 'first_weight', 'last_weight']),
        values: z.array(z.number()).max(100),
        model: z.string().max(40).optional(),
      })
      .strict(),
  ),
  'attribution.paths': op<PathsSummary>()(
    z
      .object({
        conversion_type: z.string().min(1),
        lookback_days: z.number().int().min(1).max(365),
        interactions: z.array(z.string()),
        top: z.number().int().min(1).max(1000),
      })
      .strict(),
  ),

  'campaigns.options': op<{
    minDate: string | null;
    maxDate: string | null;
    channels: string[];
    platforms: string[];
    campaigns: { id: string; name: string }[];
  }>()(none),
  'campaigns.kpis': op<{ current: MetricValues; previous: MetricValues; previousFrom: string; previousTo: string; cacAvailable: boolean }>()(
    z.object({ filter }).strict(),
  ),
  'campaigns.timeseries': op<{ points: { period: string; value: number | null; days: number; partial: boolean }[] }>()(
    z.object({ filter, metric: z.enum(METRIC_IDS), granularity: z.enum(['date', 'week', 'month']) }).strict(),
  ),
  'campaigns.breakdown': op<{ rows: { key: string; values: MetricValues }[] }>()(z.object({ filter, dimension: z.enum(['channel', 'platform']) }).strict()),
  'campaigns.gridPage': op<{ arrow: Uint8Array; total: number }>()(
    z
      .object({
        query: gridQuery,
        sort: z.array(z.object({ colId: z.string(), sort: z.enum(['asc', 'desc']) })),
        startRow: z.number().int().min(0),
        endRow: z.number().int().min(0),
      })
      .strict(),
  ),
  'campaigns.gridTotals': op<{ values: MetricValues }>()(z.object({ query: gridQuery }).strict()),
  'campaigns.exportCsv': op<{ csv: string; rows: number }>()(z.object({ query: gridQuery }).strict()),
  /** The grid's CSV rows as Parquet bytes (parquet-export.ts). */
  'campaigns.exportParquet': op<{ parquet: Uint8Array; rows: number }>()(z.object({ query: gridQuery }).strict()),
  /** A result table the renderer holds (attribution, experiment, members) as Parquet bytes. */
  'export.parquet': op<{ parquet: Uint8Array; rows: number }>()(z.object({ table: exportTableSchema }).strict()),

  'segments.count': op<{ count: number }>()(z.object({ rule, as_of: asOf }).strict()),
  'segments.preview': op<Record<string, unknown>[]>()(
    z.object({ rule, as_of: asOf, limit: z.number().int().min(1).max(1000).default(50), piiAccess: z.boolean() }).strict(),
  ),
  'segments.overlap': op<number[][]>()(z.object({ rules: z.array(rule).min(1).max(12), as_of: asOf }).strict()),
  /** Customers left after each top-level condition of the rule, and each condition alone. */
  'segments.funnel': op<SegmentFunnel>()(z.object({ rule, as_of: asOf }).strict()),
  /** Share of the segment each destination could match (identifier present, purpose consented). */
  'segments.matchRates': op<MatchRate[]>()(
    z
      .object({
        rule,
        as_of: asOf,
        destinations: z.array(z.object({ id: z.string().max(64), purpose: z.string().max(40), identifier: z.string().max(40) }).strict()).max(50),
      })
      .strict(),
  ),

  'pickers.conversionTypes': op<{ type: string; count: number }[]>()(none),
  'pickers.eventNames': op<string[]>()(none),
  /** `latestFrom`: the product whose latest activity gives the builders' default "as of". */
  'pickers.customerColumns': op<{ columns: CustomerColumn[]; latestActivity: string | null }>()(
    z.object({ latestFrom: z.enum(['events', 'conversions']).nullable() }).strict(),
  ),

  'experiments.list': op<ExperimentSummary[]>()(z.object({ withRegistry: z.boolean() }).strict()),
  'experiments.power': op<PowerResult>()(
    z
      .object({
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
      })
      .strict(),
  ),

  'geo.overview': op<GeoOverview>()(z.object({ withRegistry: z.boolean() }).strict()),
  'assignments.available': op<boolean>()(none),
  'assignments.refreshView': op<null>()(none),
  'assignments.recordHoldout': op<null>()(
    z
      .object({
        experimentId: z.string().min(1),
        members: z.array(z.string()),
        holdout: z.array(z.string()),
        assignedAt: z.string().min(1),
        /** The audience's name, version and holdout percentage: the list's name and the SRM's expected split. */
        design: z
          .object({
            name: z.string(),
            version: z.number().int(),
            holdoutPct: z.number().min(0).max(50).nullable(),
            purpose: z.enum(['email', 'ads', 'analytics']).nullable().optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
  ),

  'audiences.members': op<AudienceMember[]>()(
    z
      .object({
        rule,
        asOf: z.string().min(1),
        purpose: z.enum(['email', 'ads', 'analytics']),
        holdoutPct: z.number().min(0).max(50),
        salt: z.string(),
      })
      .strict(),
  ),

  /** An audience version's members re-checked against the loaded Customer 360's consent (docs/governance.md). */
  'audiences.recheckConsent': op<RecheckedMember[]>()(
    z.object({ customerIds: z.array(z.string().max(200)).max(5_000_000), purpose: z.enum(['email', 'ads', 'analytics']) }).strict(),
  ),

  /** Channel forecast beside the budget planner (docs/planning.md "Channel forecast"). */
  'planning.forecast': op<ForecastResult>()(
    z
      .object({ horizon: z.number().int().min(1).max(26), level: z.number().gt(0).lt(1).optional(), channels: z.array(z.string().min(1)).max(100).optional() })
      .strict(),
  ),
  /** Churn scores' predicted risk deciles against observed churn in Customer 360. */
  'planning.churnCalibration': op<ChurnCalibration>()(none),
  /** The model versions in churn_scores (an audience's manifest records them). */
  'planning.churnModelVersions': op<string[]>()(none),

  /** The paths report beyond the top paths (docs/attribution.md "Conversion paths"). */
  'attribution.pathsReport': op<PathsReport>()(
    z
      .object({
        conversion_type: z.string().min(1),
        lookback_days: z.number().int().min(1).max(365),
        interactions: z.array(z.string()),
        view: z.enum(PATH_VIEWS),
        search: z.string().max(100),
        limit: z.number().int().min(1).max(20_000),
      })
      .strict(),
  ),

  cancel: op<{ cancelled: boolean }>()(z.object({ requestId: z.union([z.string(), z.number()]) }).strict()),
};

export type EngineMethods = typeof engineMethods;
export type EngineMethod = keyof EngineMethods;
/** Settings of an engine session, kept by the client and replayed after the workspace reopens. */
export type SessionSettingMethod = 'restrictFiles' | 'setAccess' | 'configure';
/** What a caller passes (defaults may be omitted). */
export type EngineParams<M extends EngineMethod> = z.input<EngineMethods[M]['params']>;
/** What an operation receives after parsing (defaults filled in). */
export type EngineParsedParams<M extends EngineMethod> = z.output<EngineMethods[M]['params']>;
export type EngineResult<M extends EngineMethod> = z.output<EngineMethods[M]['result']>;

const requestId = z.union([z.string(), z.number()]);
const METHOD_NAMES = Object.keys(engineMethods) as [EngineMethod, ...EngineMethod[]];

/** The envelope; params are parsed by the method's own schema once the method is known. */
export const engineRequestSchema = z.object({ id: requestId, method: z.enum(METHOD_NAMES), params: z.unknown() });

export type EngineRequest = { [M in EngineMethod]: { id: string | number; method: M; params: EngineParsedParams<M> } }[EngineMethod];

export interface EngineErrorBody {
  code: string;
  message: string;
  path?: string;
}

export type EngineResponse = { id: string | number | null; ok: true; result: unknown } | { id: string | number | null; ok: false; error: EngineErrorBody };

export interface EngineProgress {
  id: string | number;
  progress: number;
}
