/**
 * `npm run -s meshwork -- <command> ...`: the headless entry point (SPEC section 2).
 * Each subcommand lives in its own module and is loaded only when asked for, so
 * `analyze` does not pay for the mesh client and vice versa; the logger (pino) is loaded
 * only with --verbose. Built to out/cli/meshwork.js (cli.vite.config.ts), which is
 * package.json's `bin`; scripts/meshwork-cli.mjs runs the build, or this file through tsx
 * while the build is missing or older than the sources.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CliCommand, CliIo } from './cli-io';
import { printError, redactForCli, rememberSecret } from './cli-io';
import { TOKEN_ENV, tokensOnCommandLine } from './token-source';
import type { ModuleLogger } from '../logging/logger';

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
  stats: {
    summary: "test one experiment metric from its sufficient statistics (GrowthBook's inputs)",
    load: async () => (await import('./stats-command')).statsCommand,
  },
  lineage: {
    summary: 'where an analysis, export, audience version or activation came from, and what a product version fed',
    load: async () => (await import('./lineage-command')).lineageCommand,
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

export async function runCli(argv: string[], callerIo: CliIo): Promise<number> {
  // Known before any parsing, so even a parser's message quoting the command line is redacted.
  for (const token of tokensOnCommandLine(argv)) rememberSecret(token);
  rememberSecret((callerIo.env ?? process.env)[TOKEN_ENV] ?? '');
  const io: CliIo = { ...callerIo, stderr: (text) => callerIo.stderr(redactForCli(text)) };
  // --verbose may stand anywhere; the commands never see it. Without it the CLI logs nothing, so
  // stderr carries only the JSON error of SPEC section 2. Log lines go through the same redacting
  // stderr as errors.
  const log = argv.includes('--verbose') ? await verboseLogger(io) : null;
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
  log?.debug('running command', { command: name });
  try {
    const code = await (await command.load())(rest, io);
    log?.debug('command finished', { command: name, exitCode: code, ms: Math.round(performance.now() - started) });
    return code;
  } catch (error) {
    log?.error('the command failed unexpectedly', { err: error, command: name });
    throw error;
  }
}

/** --verbose: every module's log lines (JSON, redacted) go to the CLI's stderr. */
async function verboseLogger(io: CliIo): Promise<ModuleLogger> {
  const { configureLogging, getLogger } = await import('../logging/logger');
  configureLogging({ kind: 'stream', stream: { write: (line: string) => io.stderr(line) }, level: 'debug' });
  return getLogger('cli');
}

/** Runs the CLI on this process's arguments and streams; sets the exit code. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
  try {
    process.exitCode = await runCli(argv, io);
  } catch (error) {
    printError(io, { code: 'internal_error', message: error instanceof Error ? error.message : String(error) });
    process.exitCode = 1;
  }
}

/**
 * True when node was started on this very file (directly, through the `bin` symlink, or by tsx),
 * false when it is imported (tests, the npm script's wrapper, which calls main() itself).
 */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    // argv[1] is not a file (node -e, a REPL): then this module was imported, not run.
    return false;
  }
}

if (isEntryPoint()) void main();
