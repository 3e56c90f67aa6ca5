import type { AppErrorBody } from '../../shared/errors';

/** What a CLI subcommand may touch, injected so commands can be tested without a real process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** A subcommand gets its own arguments (after the subcommand name) and returns the exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** SPEC section 2: errors are one JSON document on stderr, the app's one error body. */
export type CliErrorBody = AppErrorBody;

export function printError(io: CliIo, error: CliErrorBody): void {
  io.stderr(`${JSON.stringify({ error: error })}\n`);
}
