import { utilityProcess } from 'electron';
import type { EngineTransport } from '../app/engine-client';

/**
 * The engine in an Electron utilityProcess: DuckDB never runs on main's event loop, and
 * messages (Arrow bytes included) travel over the process's MessagePort.
 */
export function utilityEngineTransport(entry: string): EngineTransport {
  const child = utilityProcess.fork(entry, [], { serviceName: 'Meshwork engine', stdio: 'inherit' });
  return {
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => {
      child.kill();
    },
  };
}
