import { stat } from 'node:fs/promises';
import { redactText } from '../mesh/redact';
import type { AppErrorBody } from '../../shared/errors';

/** What a CLI subcommand may touch, injected so commands can be tested without a real process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The environment (MESHWORK_TOKEN); process.env when not given. */
  env?: Record<string, string | undefined>;
}

/** A subcommand gets its own arguments (after the subcommand name) and returns the exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** SPEC section 2: errors are one JSON document on stderr, the app's one error body. */
export type CliErrorBody = AppErrorBody;

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
  // Codes are fixed words from ERROR_CODES; only the message and path can carry user input.
  const body: CliErrorBody = { code: error.code, message: redactForCli(error.message) };
  if (error.path !== undefined) body.path = redactForCli(error.path);
  io.stderr(`${JSON.stringify({ error: body })}\n`);
}

/**
 * `--out` must be a folder or not exist yet (the pull creates it). Anything else is said on stderr
 * as `bad_out`; the caller exits 4.
 */
export async function outIsUsable(io: CliIo, outDir: string): Promise<boolean> {
  const isFile = await stat(outDir).then(
    (st) => !st.isDirectory(),
    () => false,
  );
  if (isFile)
    printError(io, { code: 'bad_out', message: `--out ${outDir} exists and is not a folder; name a folder (it is created if missing).`, path: 'out' });
  return !isFile;
}
