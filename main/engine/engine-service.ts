import { segmentOverlap, segmentPreview, segmentCount } from '../../shared/analysis/segment/run-segment';
import { prePeriodStats } from '../../shared/analysis/experiment/pre-period';
import { tableColumns } from '../../shared/analysis/table-columns';
import { minimumDetectableEffect, requiredSampleSize } from '../../shared/stats/power';
import { compileMetricsQuery } from '../../shared/metrics/metrics-query';
import { refusePiiConditions } from '../../shared/analysis/segment/pii-conditions';
import { PII_COLUMNS } from '../../shared/analysis/pii-mask';
import { parseRule, type RuleNode } from '../../shared/specs/segment-rule';
import { checkSpecSize } from '../../shared/specs/spec-limits';
import { SpecError, parseSpec } from '../../shared/specs/index';
import { checkPinnedTypes } from '../analysis/column-types';
import { requiredProducts } from '../analysis/required-products';
import { runAnalysis } from '../analysis/run-analysis';
import { readerToArrow, toIpc } from './arrow';
import { DuckDbEngine, QueryCancelledError, readerRows } from './duckdb-engine';
import { engineRequestSchema, type EngineErrorBody, type EngineProgress, type EngineRequest, type EngineResponse } from './engine-protocol';
import { DataError, loadProducts } from './load-products';
import { PageRequestError, compilePage } from './page-query';
import { restrictFileAccess } from './file-access';

/**
 * The engine behind any transport: it takes `unknown` messages, validates them, runs one
 * request at a time on its DuckDB connection (DuckDB runs each query on every core already),
 * and answers. Cancelling the running request interrupts DuckDB; a queued one never starts.
 */
export interface EngineServiceOptions {
  onProgress?: (progress: EngineProgress) => void;
  /** Database opened before the first `openWorkspace` (default: in-memory). */
  initialPath?: string;
  /** Interactive requests are interrupted after this long (default 30 s; 0: no limit). */
  queryTimeoutMs?: number;
}

/** Default limit for one interactive request: long enough for any analysis on the demo and 1M benches. */
export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;

/** Requests a user waits on; loading extracts and opening a workspace may legitimately take longer. */
const TIMED_METHODS = new Set(['runAnalysis', 'segmentCount', 'segmentPreview', 'segmentOverlap', 'metrics', 'power', 'page', 'sql']);

/** A request stopped by the per-query timeout (DuckDB interrupt); the engine keeps serving. */
export class QueryTimeoutError extends Error {
  readonly code = 'timeout';
  constructor(ms: number) {
    super(`The query ran longer than ${ms / 1000} s and was stopped so the workbench stays responsive. Narrow it (fewer conditions, a shorter window or date range) and try again.`);
    this.name = 'QueryTimeoutError';
  }
}

/**
 * Who the engine answers for (set by the app from the mesh identity). `null` until the app sets
 * it: a bare engine (tests, tools) then trusts each request's own `piiAccess`.
 */
interface AccessPolicy {
  piiAccess: boolean;
  piiColumns: Set<string>;
}

export interface EngineService {
  handle(message: unknown): Promise<EngineResponse>;
  close(): void;
}

function errorBody(error: unknown): EngineErrorBody {
  if (error instanceof SpecError || error instanceof DataError || error instanceof PageRequestError) {
    return { code: error.code, message: error.message, path: error.path };
  }
  if (error instanceof QueryCancelledError) return { code: 'cancelled', message: error.message };
  if (error instanceof QueryTimeoutError) return { code: 'timeout', message: error.message };
  return { code: 'engine_error', message: error instanceof Error ? error.message : String(error) };
}

export function createEngineService(options: EngineServiceOptions = {}): EngineService {
  let db: Promise<DuckDbEngine> = DuckDbEngine.open(options.initialPath ?? ':memory:');
  let queue: Promise<unknown> = Promise.resolve();
  const controllers = new Map<string | number, AbortController>();
  let policy: AccessPolicy | null = null;
  let timeoutMs = options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  let restricted: string | null = null;

  /** Parses a rule and, for an identity without PII access, refuses conditions on PII columns. */
  function allowedRule(input: unknown, path: PropertyKey[]): RuleNode {
    checkSpecSize(input, path);
    const rule = parseRule(input, path);
    if (policy && !policy.piiAccess) refusePiiConditions(rule, policy.piiColumns, path);
    return rule;
  }

  const mayUnmask = (requested: boolean): boolean => requested && (policy?.piiAccess ?? true);

  async function execute(req: Exclude<EngineRequest, { method: 'cancel' }>, signal: AbortSignal): Promise<unknown> {
    if (signal.aborted) throw new QueryCancelledError();
    const engine = await db;
    const onAbort = (): void => engine.interrupt();
    signal.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer =
      timeoutMs > 0 && TIMED_METHODS.has(req.method)
        ? setTimeout(() => {
            timedOut = true;
            engine.interrupt();
          }, timeoutMs)
        : undefined;
    // Every method may run long queries (an analysis is several), so progress is polled from the
    // connection for the whole request rather than per query.
    let last = -1;
    const poll = options.onProgress
      ? setInterval(() => {
          const { percentage } = engine.connection.progress;
          if (percentage >= 0 && percentage !== last) {
            last = percentage;
            options.onProgress?.({ id: req.id, progress: percentage });
          }
        }, 200)
      : undefined;
    try {
      switch (req.method) {
        case 'openWorkspace': {
          engine.close();
          restricted = null;
          try {
            const next = await DuckDbEngine.open(req.params.path);
            db = Promise.resolve(next);
          } catch (error) {
            // Keep serving (in memory) so the app can show the error and let the user pick another file.
            db = DuckDbEngine.open(':memory:');
            throw new DataError('unreadable_data', `The workspace ${req.params.path} cannot be opened: ${error instanceof Error ? error.message : String(error)}`, req.params.path);
          }
          return { path: req.params.path };
        }
        case 'loadProducts':
          return await loadProducts(engine, req.params.dataDir, { as: req.params.as ?? 'table', ...(req.params.only ? { only: req.params.only } : {}) });
        case 'tables': {
          const rows = await engine.all<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1");
          return Promise.all(rows.map(async (r) => ({ name: r.name, columns: await tableColumns(engine, r.name) })));
        }
        case 'setAccess':
          policy = { piiAccess: req.params.piiAccess, piiColumns: new Set([...PII_COLUMNS, ...req.params.piiColumns]) };
          return { piiAccess: policy.piiAccess };
        case 'configure':
          timeoutMs = req.params.queryTimeoutMs;
          return { queryTimeoutMs: timeoutMs };
        case 'restrictFiles': {
          const key = JSON.stringify(req.params);
          // The configuration is locked after the first call; the same folders again is a no-op.
          if (restricted === key) return { restricted: true };
          if (restricted !== null) throw new DataError('unreadable_data', 'File access is already restricted for this workspace; reopen it to change the allowed folders.', '');
          await restrictFileAccess(engine, req.params.directories, req.params.tempDirectory);
          restricted = key;
          return { restricted: true };
        }
        case 'runAnalysis': {
          const spec = parseSpec(req.params.spec);
          if (spec.kind === 'segment' && policy && !policy.piiAccess) refusePiiConditions(spec.rule, policy.piiColumns);
          // A pinned column of the wrong type (occurred_at as VARCHAR) is named, not a mid-query cast error.
          const needed = await Promise.all([...requiredProducts(spec).keys()].map(async (id) => ({ id, columns: await tableColumns(engine, id).catch(() => []) })));
          checkPinnedTypes(needed);
          return await runAnalysis(engine, spec);
        }
        case 'segmentCount':
          return { count: await segmentCount(engine, allowedRule(req.params.rule, ['rule']), req.params.as_of) };
        case 'segmentPreview':
          return await segmentPreview(engine, allowedRule(req.params.rule, ['rule']), {
            piiAccess: mayUnmask(req.params.piiAccess),
            limit: req.params.limit,
            ...(req.params.as_of ? { asOf: req.params.as_of } : {}),
          });
        case 'segmentOverlap':
          return await segmentOverlap(engine, req.params.rules.map((r, i) => allowedRule(r, ['rules', i])), req.params.as_of);
        case 'metrics': {
          const columns = new Set((await tableColumns(engine, 'campaign_performance')).map((c) => c.name));
          const { sql, params } = compileMetricsQuery(req.params, columns);
          return await engine.all(sql, params);
        }
        case 'sql': {
          const { sql, params: values, format } = req.params;
          if (format === 'none') return await engine.run(sql, values);
          const reader = await engine.runCancellable(sql, values, {
            signal,
            onProgress: (p) => options.onProgress?.({ id: req.id, progress: p }),
          });
          return format === 'arrow' ? toIpc(readerToArrow(reader)) : readerRows(reader);
        }
        case 'power': {
          const p = req.params;
          const pre = await prePeriodStats(engine, { type: p.type, conversion_type: p.conversion_type, window_days: p.window_days, as_of: p.as_of });
          const inputs = { variance: pre.variance, baselineMean: pre.mean, alpha: p.alpha, power: p.power };
          const perArm = p.users_per_variant ?? Math.floor(pre.n / 2);
          return {
            pre_period: pre,
            users_per_variant: perArm,
            ...minimumDetectableEffect(inputs, perArm, perArm),
            required_users: p.effect !== undefined ? requiredSampleSize(inputs, p.effect) : null,
          };
        }
        case 'page': {
          const columns = (await tableColumns(engine, req.params.table)).map((c) => c.name);
          const { sql, countSql, params } = compilePage({ ...req.params, piiAccess: mayUnmask(req.params.piiAccess) }, columns);
          const [count] = await engine.all<{ n: number }>(countSql, params);
          const reader = await engine.runCancellable(sql, params);
          return { total: count?.n ?? 0, arrow: toIpc(readerToArrow(reader)) };
        }
      }
    } catch (error) {
      if (signal.aborted) throw new QueryCancelledError();
      if (timedOut) throw new QueryTimeoutError(timeoutMs);
      throw error;
    } finally {
      if (timer) clearTimeout(timer);
      if (poll) clearInterval(poll);
      signal.removeEventListener('abort', onAbort);
    }
  }

  async function handle(message: unknown): Promise<EngineResponse> {
    const rawId = (message as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? rawId : null;
    const parsed = engineRequestSchema.safeParse(message);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { id, ok: false, error: { code: 'invalid_request', message: `${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}`, path: issue?.path.join('.') ?? '' } };
    }
    const req = parsed.data;
    if (req.method === 'cancel') {
      const controller = controllers.get(req.params.requestId);
      controller?.abort();
      return { id: req.id, ok: true, result: { cancelled: controller !== undefined } };
    }
    const controller = new AbortController();
    controllers.set(req.id, controller);
    const run = queue.then(() => execute(req, controller.signal));
    queue = run.catch(() => undefined);
    try {
      return { id: req.id, ok: true, result: await run };
    } catch (error) {
      return { id: req.id, ok: false, error: errorBody(error) };
    } finally {
      controllers.delete(req.id);
    }
  }

  return {
    handle,
    close: () => {
      void db.then((engine) => engine.close()).catch(() => undefined);
    },
  };
}
