/**
 * Entry script of the engine process. Under Electron's utilityProcess it serves the engine over
 * `process.parentPort`; under Node's child_process.fork (use `serialization: 'advanced'` so Arrow
 * bytes stay binary) over `process.send` / `process.on('message')`. The protocol is in
 * engine-protocol.ts and docs/engine.md.
 */
import { createEngineService } from './engine-service';
import { configureLoggingFromEnv, getLogger } from '../logging/logger';

// The app exports its log file's path (MESHWORK_LOG_FILE); without it this process is silent.
configureLoggingFromEnv();
const log = getLogger('engine-process');

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const send: ((message: unknown) => void) | undefined = parentPort ? (m) => parentPort.postMessage(m) : process.send ? (m) => void process.send?.(m) : undefined;

if (!send) {
  process.stderr.write('engine-process must be started by Electron utilityProcess.fork or child_process.fork\n');
  process.exit(1);
}

const service = createEngineService({
  ...(process.env.MESHWORK_WORKSPACE ? { initialPath: process.env.MESHWORK_WORKSPACE } : {}),
  onProgress: (p) => send(p),
});

const onMessage = (message: unknown): void => {
  // handle() answers every request, errors included; a rejection here is a bug in the service.
  service.handle(message).then(send, (error: unknown) => log.error('the engine could not answer a request', { err: error }));
};
if (parentPort) parentPort.on('message', (event) => onMessage(event.data));
else process.on('message', onMessage);

process.on('disconnect', () => {
  service.close();
  process.exit(0);
});
