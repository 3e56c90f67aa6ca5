import type { ErrorCode } from '../../shared/errors';
/**
 * Where `meshwork pull` and `meshwork activate` take the mesh token from: `--token <t>`,
 * `--token-file <path>` or the MESHWORK_TOKEN environment variable, in that order of
 * preference. A token on the command line is visible to every local account in the process
 * list, so the file and the environment variable are the ways to keep it private.
 */
import { readFile } from 'node:fs/promises';
import { rememberSecret } from './cli-io';

export const TOKEN_ENV = 'MESHWORK_TOKEN';

export const TOKEN_HELP = `The token comes from --token <t>, --token-file <path> (a file holding only the token) or the
${TOKEN_ENV} environment variable; prefer the last two, as a command line is visible to other
local accounts. Tokens are never printed, not even in error messages.`;

export type TokenResult = { ok: true; token: string } | { ok: false; code: ErrorCode; message: string; path: string };

export async function resolveToken(
  options: { token?: string | undefined; tokenFile?: string | undefined },
  env: Record<string, string | undefined>,
): Promise<TokenResult> {
  if (options.token !== undefined && options.tokenFile !== undefined) {
    return { ok: false, code: 'invalid_arguments', message: 'Give either --token or --token-file, not both.', path: 'token' };
  }
  if (options.token !== undefined) return checked(options.token, '--token', 'token');
  if (options.tokenFile !== undefined) {
    let text: string;
    try {
      text = await readFile(options.tokenFile, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      return { ok: false, code: 'bad_token_file', message: `--token-file: cannot read ${options.tokenFile} (${code}).`, path: 'token-file' };
    }
    // Editors and `echo` add a final newline; the token is the file's only line.
    return checked(text.replace(/\r?\n$/, ''), `--token-file ${options.tokenFile}`, 'token-file');
  }
  const fromEnv = env[TOKEN_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return checked(fromEnv, TOKEN_ENV, 'token');
  return {
    ok: false,
    code: 'invalid_arguments',
    message: `--token is required: your bearer token for the mesh (or --token-file <path>, or ${TOKEN_ENV}).`,
    path: 'token',
  };
}

function checked(token: string, source: string, path: string): TokenResult {
  if (token.trim() === '') return { ok: false, code: 'invalid_arguments', message: `${source}: the token must not be empty.`, path };
  if (/[\s]/.test(token)) {
    rememberSecret(token);
    return { ok: false, code: 'invalid_arguments', message: `${source}: the token must be one line without spaces.`, path };
  }
  rememberSecret(token);
  return { ok: true, token };
}

/** Token values on a raw command line (`--token t`, `--token=t`), known before any parsing. */
export function tokensOnCommandLine(args: readonly string[]): string[] {
  const found: string[] = [];
  args.forEach((arg, i) => {
    if (arg === '--token' && args[i + 1] !== undefined) found.push(args[i + 1]!);
    else if (arg.startsWith('--token=')) found.push(arg.slice('--token='.length));
  });
  return found;
}
