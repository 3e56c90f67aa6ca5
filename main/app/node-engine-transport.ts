import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EngineTransport } from './engine-client';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The engine process under plain Node (browser host, tests): child_process.fork with the
 * 'advanced' serialization so Arrow bytes arrive as Uint8Array. Runs the built entry when
 * there is one, else the TypeScript source through tsx.
 */
export function nodeEngineTransport(): EngineTransport {
  const built = resolve(ROOT, 'out/main/engine-process.js');
  const source = resolve(ROOT, 'main/engine/engine-process.ts');
  const useBuilt = existsSync(built) && process.env.MESHWORK_ENGINE_FROM_SOURCE !== '1';
  const child = fork(useBuilt ? built : source, [], {
    serialization: 'advanced',
    execArgv: useBuilt ? [] : ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    send: (message) => {
      child.send(message as never);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => {
      child.kill();
    },
  };
}
