/**
 * Main's side of the engine process: request/response over whatever carries messages
 * (Electron utilityProcess, Node child_process.fork), with cancellation and a restart
 * when the process dies. It is the `AppEngine` the handlers use: `call` takes a method of
 * main/engine/engine-protocol.ts's map and its params, typed from it, so a misspelled method
 * or wrong params do not compile. No SQL is sent; the engine runs the shared runners itself.
 */
import { getLogger } from '../logging/logger';
import { AppError, toAppError } from '../../shared/errors';
import type { EngineMethod, EngineParams, EngineResult, SessionSettingMethod } from '../engine/engine-protocol';
import type { AppEngine } from './app-services';

const log = getLogger('engine-client');

export interface EngineTransport {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; method: string };

export class EngineClient implements AppEngine {
  private transport: EngineTransport | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private workspacePath: string | null = null;
  /** Settings of this engine session (file restriction, access policy, timeout), replayed after a restart. */
  private readonly sessionSettings = new Map<SessionSettingMethod, EngineParams<SessionSettingMethod>>();

  constructor(private readonly spawn: () => EngineTransport) {}

  /**
   * Opens (or creates) the workspace database file the engine keeps its tables in. The session
   * settings are sent right behind it: the engine runs requests in order, so no query can slip
   * in between a reopened database and its restrictions.
   */
  async openWorkspace(path: string): Promise<void> {
    this.workspacePath = path;
    const opened = this.call('openWorkspace', { path });
    const settings = [...this.sessionSettings].map(([method, params]) => this.send(method, params));
    await opened;
    await Promise.all(settings);
  }

  /** Sends a session setting (`restrictFiles`, `setAccess`, `configure`) and keeps it for a restart. */
  async configureSession<M extends SessionSettingMethod>(method: M, params: EngineParams<M>): Promise<EngineResult<M>> {
    this.sessionSettings.set(method, params);
    return this.call(method, params);
  }

  call<M extends EngineMethod>(method: M, params: EngineParams<M>): Promise<EngineResult<M>> {
    return this.send(method, params) as Promise<EngineResult<M>>;
  }

  /** One request of any method; `call` is its typed face. */
  private send(method: EngineMethod, params: unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(new AppError('engine_closed', 'The analysis engine has shut down. Restart Meshwork.'));
    const transport = this.ensureTransport();
    const id = this.nextId++;
    return new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      transport.send({ id, method, params });
    });
  }

  /** Interrupts every request in flight; the engine process and its data stay. */
  async cancel(): Promise<void> {
    const ids = [...this.pending.entries()].filter(([, p]) => p.method !== 'cancel').map(([id]) => id);
    // A cancel that fails changes nothing for the user (the request runs to its end): log it only.
    await Promise.all(
      ids.map((requestId) =>
        this.call('cancel', { requestId }).catch((error: unknown) => log.warn('could not cancel an engine request', { err: error, requestId })),
      ),
    );
  }

  close(): void {
    this.closed = true;
    this.transport?.kill();
    this.transport = null;
    this.failAll(new AppError('engine_closed', 'The analysis engine has shut down.'));
  }

  private ensureTransport(): EngineTransport {
    if (this.transport) return this.transport;
    const transport = this.spawn();
    this.transport = transport;
    transport.onMessage((message) => this.receive(message));
    transport.onExit((code) => {
      if (this.transport !== transport) return;
      this.transport = null;
      this.failAll(new AppError('engine_crashed', `The analysis engine stopped unexpectedly (exit code ${code}). It restarts on the next request; try again.`));
      // Reopen the workspace so tables survive a crash of the process (they live in the file).
      if (!this.closed && this.workspacePath) {
        const path = this.workspacePath;
        // The next request reopens it again and reports a failure to the caller; keep the cause.
        this.openWorkspace(path).catch((error: unknown) => log.error('could not reopen the workspace after the engine crashed', { err: error, path }));
      }
    });
    return transport;
  }

  private receive(message: unknown): void {
    if (!message || typeof message !== 'object') return;
    const m = message as { id?: unknown; ok?: unknown; result?: unknown; error?: { code?: string; message?: string; path?: string } };
    if (typeof m.id !== 'number' || typeof m.ok !== 'boolean') return;
    const pending = this.pending.get(m.id);
    if (!pending) return;
    this.pending.delete(m.id);
    if (m.ok) pending.resolve(m.result);
    else pending.reject(toAppError(m.error ?? { code: 'engine_error', message: 'The analysis failed.' }, 'engine_error'));
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
