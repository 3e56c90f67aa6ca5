/**
 * `npm run -s meshwork -- <command> ...`: the headless entry point (SPEC section 2).
 * Each subcommand lives in its own module and is loaded only when asked for, so
 * `analyze` does not pay for the mesh client and vice versa.
 */
import type { CliCommand, CliIo } from './cli-io';
import { printError, redactForCli, rememberSecret } from './cli-io';
import { TOKEN_ENV, tokensOnCommandLine } from './token-source';

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
  ].join('\n');
}

export async function runCli(argv: string[], callerIo: CliIo): Promise<number> {
  // Known before any parsing, so even a parser's message quoting the command line is redacted.
  for (const token of tokensOnCommandLine(argv)) rememberSecret(token);
  rememberSecret((callerIo.env ?? process.env)[TOKEN_ENV] ?? '');
  const io: CliIo = { ...callerIo, stderr: (text) => callerIo.stderr(redactForCli(text)) };
  const [name, ...rest] = argv;
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
  return (await command.load())(rest, io);
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
      printError(io, { code: 'internal_error', message: error instanceof Error ? error.message : String(error) });
      process.exitCode = 1;
    },
  );
}
