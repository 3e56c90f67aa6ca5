/**
 * `npm run -s meshwork -- <command> ...`: the headless entry point (SPEC section 2).
 * Each subcommand lives in its own module and is loaded only when asked for, so
 * `analyze` does not pay for the mesh client and vice versa.
 */
import type { CliCommand, CliIo } from './cli-io';
import { printError } from './cli-io';
import { configureLogging, getLogger } from '../logging/logger';

const log = getLogger('cli');

const COMMANDS: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  analyze: {
    summary: 'run an analysis spec over Parquet extracts and print its JSON result',
    load: async () => (await import('./analyze-command')).analyzeCommand,
  },
  pull: {
    summary: "fetch a data product's current extract from a mesh, verified against its contract",
    load: async () => (await import('./pull-command')).pullCommand,
  },
  activate: {
    summary: 'send one activation of an approved audience version through the mesh',
    load: async () => (await import('./activate-command')).activateCommand,
  },
};

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return [
    'Usage: meshwork <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    "Run 'meshwork <command> --help' for a command's options.",
    '',
    'Global option:',
    '  --verbose  write diagnostic log lines (JSON, secrets and personal data redacted) to stderr',
    '',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  // --verbose may stand anywhere; the commands never see it. Without it the CLI logs nothing, so
  // stderr carries only the JSON error of SPEC section 2.
  const verbose = argv.includes('--verbose');
  if (verbose) configureLogging({ kind: 'stream', stream: { write: (line: string) => io.stderr(line) }, level: 'debug' });
  const [name, ...rest] = argv.filter((arg) => arg !== '--verbose');
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    printError(io, {
      code: 'unknown_command',
      message: `Unknown command '${name}'. Use one of: ${Object.keys(COMMANDS).join(', ')}.`,
    });
    return 2;
  }
  const started = performance.now();
  log.debug('running command', { command: name });
  const code = await (await command.load())(rest, io);
  log.debug('command finished', { command: name, exitCode: code, ms: Math.round(performance.now() - started) });
  return code;
}

const isEntryPoint = process.argv[1] !== undefined && /meshwork\.(ts|js|cjs|mjs)$/.test(process.argv[1]);
if (isEntryPoint) {
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      log.error('the command failed unexpectedly', { err: error });
      printError(io, { code: 'internal_error', message: error instanceof Error ? error.message : String(error) });
      process.exitCode = 1;
    },
  );
}
