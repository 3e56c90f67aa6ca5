import { SpecError } from '../../shared/specs/index';
import { DuckDbEngine, QueryCancelledError } from './duckdb-engine';
import { operations } from './engine-operations';
import { engineMethods, engineRequestSchema, type EngineErrorBody, type EngineProgress, type EngineRequest, type EngineResponse } from './engine-protocol';
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
}

export interface EngineService {
  handle(message: unknown): Promise<EngineResponse>;
  close(): void;
}

function invalidRequest(issue: { path: PropertyKey[]; message: string } | undefined, prefix: PropertyKey[] = []): EngineErrorBody {
  const path = [...prefix, ...(issue?.path ?? [])].map(String).join('.');
  return { code: 'invalid_request', message: `${path || 'request'}: ${issue?.message ?? 'invalid'}`, path };
}

function errorBody(error: unknown): EngineErrorBody {
  if (error instanceof SpecError || error instanceof DataError) {
    return { code: error.code, message: error.message, path: error.path };
  }
  if (error instanceof QueryCancelledError) return { code: 'cancelled', message: error.message };
  return { code: 'engine_error', message: error instanceof Error ? error.message : String(error) };
}

export function createEngineService(options: EngineServiceOptions = {}): EngineService {
  let db: Promise<DuckDbEngine> = DuckDbEngine.open(options.initialPath ?? ':memory:');
  let queue: Promise<unknown> = Promise.resolve();
  const controllers = new Map<string | number, AbortController>();

  async function execute(req: Exclude<EngineRequest, { method: 'cancel' }>, signal: AbortSignal): Promise<unknown> {
    if (signal.aborted) throw new QueryCancelledError();
    const engine = await db;
    const onAbort = (): void => engine.interrupt();
    signal.addEventListener('abort', onAbort, { once: true });
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
        engine.close();
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
      const run = operations[req.method] as (params: unknown, ctx: { engine: DuckDbEngine; signal: AbortSignal }) => Promise<unknown>;
      return await run(req.params, { engine, signal });
    } catch (error) {
      if (signal.aborted) throw new QueryCancelledError();
      throw error;
    } finally {
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
    const run = queue.then(() => execute(req, controller.signal));
    // Not a silent catch: this request's error is answered below; the queue only orders requests
    // and must not stay rejected for the next one.
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
      void db.then((engine) => engine.close()).catch((error: unknown) => log.warn('could not close the database cleanly', { err: error }));
    },
  };
}
