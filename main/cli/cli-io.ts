import { redactText } from '../mesh/redact';

/** What a CLI subcommand may touch, injected so commands can be tested without a real process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The environment (MESHWORK_TOKEN); process.env when not given. */
  env?: Record<string, string | undefined>;
}

/** A subcommand gets its own arguments (after the subcommand name) and returns the exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** SPEC section 2: errors are one JSON document on stderr. */
export interface CliErrorBody {
  code: string;
  message: string;
  path?: string;
}

/**
 * Tokens this process was given. Whatever reaches stderr passes through `redactForCli`, so a
 * token never appears there even when a mesh or a parser echoes it back.
 */
const secrets = new Set<string>();

export function rememberSecret(secret: string): void {
  if (secret !== '') secrets.add(secret);
}

export function redactForCli(text: string): string {
  return redactText(text, secrets);
}

export function printError(io: CliIo, error: CliErrorBody): void {
  const body: CliErrorBody = { code: redactForCli(error.code), message: redactForCli(error.message) };
  if (error.path !== undefined) body.path = redactForCli(error.path);
  io.stderr(`${JSON.stringify({ error: body })}\n`);
}
