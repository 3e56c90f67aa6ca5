import { toAppError } from '../../shared/errors';
import { PII_COLUMNS } from '../../shared/analysis/pii-mask';
import { DuckDbEngine, QueryCancelledError } from './duckdb-engine';
import { operations, type AccessPolicy, type OperationContext } from './engine-operations';
import {
  engineMethods,
  engineRequestSchema,
  type EngineErrorBody,
  type EngineMethod,
  type EngineProgress,
  type EngineRequest,
  type EngineResponse,
} from './engine-protocol';
import { engineDatabaseOptions } from './engine-settings';
import { restrictFileAccess } from './file-access';
import { DataError } from './load-products';
import { getLogger } from '../logging/logger';

const log = getLogger('engine-service');

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

/**
 * Requests that are never timed: opening a workspace and loading or unloading extracts may
 * legitimately take long, writes must not stop half-way, and the session settings are instant.
 * Every other method is an interactive read a user waits on.
 */
const UNTIMED_METHODS: ReadonlySet<EngineMethod> = new Set<EngineMethod>([
  'openWorkspace',
  'loadProducts',
  'describeParquet',
  'quality.check',
  'products.unload',
  'setAccess',
  'restrictFiles',
  'configure',
  'assignments.refreshView',
  'assignments.recordHoldout',
]);

/**
 * Cheap reads the screens make while the user waits (pick lists, the dashboard's options, a
 * pull's contract check). They answer at once on a second connection to the same database, so a
 * long analysis on the main connection (minutes at 5M customers) never holds them up. None of
 * them reads the main connection's TEMP tables (the attribution caches) or changes anything.
 */
export const FAST_LANE_METHODS: ReadonlySet<EngineMethod> = new Set<EngineMethod>([
  'describeParquet',
  'pickers.conversionTypes',
  'pickers.eventNames',
  'pickers.customerColumns',
  'campaigns.options',
]);

/** A request stopped by the per-query timeout (DuckDB interrupt); the engine keeps serving. */
export class QueryTimeoutError extends Error {
  readonly code = 'timeout';
  constructor(ms: number) {
    super(
      `The query ran longer than ${ms / 1000} s and was stopped so the workbench stays responsive. Narrow it (fewer conditions, a shorter window or date range) and try again.`,
    );
    this.name = 'QueryTimeoutError';
  }
}

export interface EngineService {
  handle(message: unknown): Promise<EngineResponse>;
  close(): void;
}

function invalidRequest(issue: { path: PropertyKey[]; message: string } | undefined, prefix: PropertyKey[] = []): EngineErrorBody {
  const path = [...prefix, ...(issue?.path ?? [])].map(String).join('.');
  return { code: 'invalid_request', message: `${path || 'request'}: ${issue?.message ?? 'invalid'}`, path };
}

/** The engine boundary's one mapping: AppErrors (specs, data, cancels) as they are, the rest as engine_error. */
function errorBody(error: unknown): EngineErrorBody {
  if (error instanceof QueryTimeoutError) return { code: 'timeout', message: error.message };
  return toAppError(error, 'engine_error').toBody();
}

export function createEngineService(options: EngineServiceOptions = {}): EngineService {
  /** The fast lane's connection to the open database and its requests in flight. */
  let lane: Promise<DuckDbEngine> | null = null;
  const laneRequests = new Set<Promise<unknown>>();
  const open = async (path: string): Promise<DuckDbEngine> => {
    const engine = await DuckDbEngine.open(path, engineDatabaseOptions(path));
    // Made now: a new connection sets its time zone, which restrictFiles' locked configuration
    // would refuse later.
    lane = engine.sibling();
    await lane;
    return engine;
  };
  let db: Promise<DuckDbEngine> = open(options.initialPath ?? ':memory:');
  let queue: Promise<unknown> = Promise.resolve();
  const controllers = new Map<string | number, AbortController>();
  let access: AccessPolicy | null = null;
  let timeoutMs = options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  /** The folders `restrictFiles` allowed on the open database (null: not restricted yet). */
  let restricted: string | null = null;

  /** Closes the fast lane before its database closes, once its requests have answered. */
  async function closeLane(): Promise<void> {
    await Promise.allSettled([...laneRequests]);
    const current = lane;
    lane = null;
    if (current) (await current).close();
  }

  async function execute(req: Exclude<EngineRequest, { method: 'cancel' }>, signal: AbortSignal, fast = false): Promise<unknown> {
    if (signal.aborted) throw new QueryCancelledError();
    const main = await db;
    const engine = fast ? await (lane ??= main.sibling()) : main;
    const onAbort = (): void => engine.interrupt();
    signal.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer =
      timeoutMs > 0 && !UNTIMED_METHODS.has(req.method)
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
      if (req.method === 'openWorkspace') {
        await closeLane();
        engine.close();
        restricted = null;
        const next = open(req.params.path);
        // Set before it opens, so a fast-lane request arriving meanwhile waits for the new database.
        // Keep serving (in memory) if it fails, so the app can show the error and let the user pick another file.
        db = next.catch(() => open(':memory:'));
        try {
          await next;
        } catch (error) {
          throw new DataError(
            'unreadable_data',
            `The workspace ${req.params.path} cannot be opened: ${error instanceof Error ? error.message : String(error)}`,
            req.params.path,
          );
        }
        return { path: req.params.path };
      }
      if (req.method === 'setAccess') {
        access = { piiAccess: req.params.piiAccess, piiColumns: new Set([...PII_COLUMNS, ...req.params.piiColumns]) };
        return { piiAccess: access.piiAccess };
      }
      if (req.method === 'configure') {
        timeoutMs = req.params.queryTimeoutMs;
        return { queryTimeoutMs: timeoutMs };
      }
      if (req.method === 'restrictFiles') {
        const key = JSON.stringify(req.params);
        // The configuration is locked after the first call; the same folders again is a no-op.
        if (restricted === key) return { restricted: true };
        if (restricted !== null)
          throw new DataError('unreadable_data', 'File access is already restricted for this workspace; reopen it to change the allowed folders.', '');
        await restrictFileAccess(engine, req.params.directories, req.params.tempDirectory);
        restricted = key;
        return { restricted: true };
      }
      const run = operations[req.method] as (params: unknown, ctx: OperationContext) => Promise<unknown>;
      return await run(req.params, { engine, signal, access });
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
    const envelope = engineRequestSchema.safeParse(message);
    if (!envelope.success) return { id, ok: false, error: invalidRequest(envelope.error.issues[0]) };
    const params = engineMethods[envelope.data.method].params.safeParse(envelope.data.params ?? {});
    if (!params.success) return { id, ok: false, error: invalidRequest(params.error.issues[0], ['params']) };
    const req = { id: envelope.data.id, method: envelope.data.method, params: params.data } as EngineRequest;
    if (req.method === 'cancel') {
      const controller = controllers.get(req.params.requestId);
      controller?.abort();
      return { id: req.id, ok: true, result: { cancelled: controller !== undefined } };
    }
    const controller = new AbortController();
    controllers.set(req.id, controller);
    let run: Promise<unknown>;
    if (FAST_LANE_METHODS.has(req.method)) {
      // Beside the queue, not in it: see FAST_LANE_METHODS.
      run = execute(req, controller.signal, true);
      laneRequests.add(run);
      // Not a silent catch: the error is answered below; the set only tracks what is in flight.
      void run.catch(() => undefined).finally(() => laneRequests.delete(run));
    } else {
      run = queue.then(() => execute(req, controller.signal));
      // Not a silent catch: this request's error is answered below; the queue only orders requests
      // and must not stay rejected for the next one.
      queue = run.catch(() => undefined);
    }
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
      void closeLane()
        .then(() => db)
        .then((engine) => engine.close())
        .catch((error: unknown) => log.warn('could not close the database cleanly', { err: error }));
    },
  };
}
