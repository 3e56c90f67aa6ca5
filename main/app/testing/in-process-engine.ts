import { vi } from 'vitest';
import { DuckDbEngine } from '../../engine/duckdb-engine';
import { createEngineService } from '../../engine/engine-service';
import type { EngineTransport } from '../engine-client';

/**
 * For app-level tests: the engine service in this process, behind the same message transport
 * the app uses, and a look at the workspace database it opened. The app itself can only name
 * operations (no SQL crosses the engine's protocol); a test that must see what the workspace
 * really holds (which tables, raw or pseudonymised values) reads that connection directly.
 */
export function inProcessEngines(): { transport: () => EngineTransport; workspaceDb: () => DuckDbEngine } {
  const opened: DuckDbEngine[] = [];
  const open = DuckDbEngine.open.bind(DuckDbEngine);
  vi.spyOn(DuckDbEngine, 'open').mockImplementation(async (path?: string, options?: Record<string, string>) => {
    const engine = await open(path, options);
    if (path?.endsWith('workspace.duckdb')) opened.push(engine);
    return engine;
  });
  const transport = (): EngineTransport => {
    const service = createEngineService();
    let listener: (message: unknown) => void = () => undefined;
    return {
      send: (message) => void service.handle(message).then((answer) => listener(answer)),
      onMessage: (l) => {
        listener = l;
      },
      onExit: () => undefined,
      kill: () => service.close(),
    };
  };
  const workspaceDb = (): DuckDbEngine => {
    const last = opened.at(-1);
    if (!last) throw new Error('No workspace database has been opened yet.');
    return last;
  };
  return { transport, workspaceDb };
}
