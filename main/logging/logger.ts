/**
 * The one logger of the Node side. Electron main, the engine process, the browser host and the
 * CLI all log through `getLogger(<module name>)`; where the lines go is decided once per process:
 *
 * - the app (Electron main, browser host) writes JSON lines to `<workspace>/logs/meshwork.log`,
 *   created owner-only (0600), and exports the path in MESHWORK_LOG_FILE so the engine process
 *   it forks appends to the same file;
 * - the CLI is silent unless run with `--verbose`, which sends the lines to stderr (stdout stays
 *   the one JSON document of SPEC section 2);
 * - nothing is configured (unit tests, library use): silent.
 *
 * Every line passes through redact.ts first: messages, bound objects and errors alike.
 */
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import { redactText, redactValue } from './redact';

export type { Logger } from 'pino';

export const LOG_FILE_ENV = 'MESHWORK_LOG_FILE';
export const LOG_LEVEL_ENV = 'MESHWORK_LOG_LEVEL';
const LEVELS: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/** Where this process's log lines go. */
export type LogTarget = { kind: 'file'; file: string; level?: Level } | { kind: 'stream'; stream: DestinationStream; level?: Level } | { kind: 'silent' };

function levelFromEnv(fallback: Level): Level {
  const value = process.env[LOG_LEVEL_ENV];
  return value && (LEVELS as readonly string[]).includes(value) ? (value as Level) : fallback;
}

/** Creates (or re-opens) the log file owner-only: logs name products, users and errors. */
function openPrivateFile(file: string): DestinationStream {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
  // A file created earlier under another umask keeps its mode on open: tighten it.
  if (process.platform !== 'win32') chmodSync(file, 0o600);
  // Synchronous appends: few lines, and none lost when a process exits right after an error.
  return pino.destination({ dest: file, sync: true, append: true });
}

function build(target: LogTarget): Logger {
  if (target.kind === 'silent') return pino({ enabled: false });
  const stream = target.kind === 'file' ? openPrivateFile(target.file) : target.stream;
  return pino(
    {
      name: 'meshwork',
      level: target.level ?? levelFromEnv('info'),
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        // Bound objects and errors: secrets by key, PII and credentials inside strings.
        log: (object) => redactValue(object) as Record<string, unknown>,
      },
      hooks: {
        // The message text (and any printf-style arguments) gets the same treatment.
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg)) as Parameters<typeof method>;
          method.apply(this, scrubbed);
        },
      },
    },
    stream,
  );
}

let root: Logger = build({ kind: 'silent' });
let children = new Map<string, Logger>();

/** Points every logger of this process (those handed out earlier included) at `target`. */
export function configureLogging(target: LogTarget): void {
  root = build(target);
  children = new Map();
  if (target.kind === 'file') process.env[LOG_FILE_ENV] = target.file;
}

/** The app's log file inside a workspace folder. */
export function workspaceLogFile(dataDir: string): string {
  return join(dataDir, 'logs', 'meshwork.log');
}

/** For processes forked by the app (the engine): log where the parent logs, if it does. */
export function configureLoggingFromEnv(): void {
  const file = process.env[LOG_FILE_ENV];
  if (file) configureLogging({ kind: 'file', file });
}

/** Extra fields of a line; put a caught error under `err`. */
export type LogFields = Record<string, unknown>;

/** A module's logger: a message that says what happened, and fields that say to what. */
export interface ModuleLogger {
  error(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
}

function current(name: string): Logger {
  let child = children.get(name);
  if (!child) {
    child = root.child({ module: name });
    children.set(name, child);
  }
  return child;
}

/**
 * The logger of one module, e.g. `const log = getLogger('start-services')` at module level. Each
 * call looks up the process's current configuration, so a logger taken at import time, before
 * the entry point configured logging, still writes where the process logs.
 */
export function getLogger(name: string): ModuleLogger {
  return {
    error: (message, fields = {}) => current(name).error(fields, message),
    warn: (message, fields = {}) => current(name).warn(fields, message),
    info: (message, fields = {}) => current(name).info(fields, message),
    debug: (message, fields = {}) => current(name).debug(fields, message),
  };
}
