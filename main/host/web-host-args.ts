import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

const portSchema = z.coerce.number().int().min(0).max(65535);

export type WebHostArgs = { ok: true; port: number; dataDir: string } | { ok: false; message: string };

/** `--port <n>` and `--data <dir>`, else MESHWORK_PORT / MESHWORK_DATA_DIR, else 5174 and ~/.meshwork. */
export function parseWebHostArgs(argv: string[], env: Record<string, string | undefined>): WebHostArgs {
  let port: string | undefined = env.MESHWORK_PORT;
  let dataDir: string | undefined = env.MESHWORK_DATA_DIR;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--port' && value !== undefined) {
      port = value;
      i++;
    } else if (flag === '--data' && value !== undefined) {
      dataDir = value;
      i++;
    } else {
      return { ok: false, message: `Unknown or incomplete option '${flag}'. Usage: npm run web -- [--port <n>] [--data <dir>]` };
    }
  }
  const parsedPort = portSchema.safeParse(port ?? '5174');
  if (!parsedPort.success) return { ok: false, message: `--port must be a whole number from 0 to 65535, not '${port}'.` };
  return { ok: true, port: parsedPort.data, dataDir: dataDir ?? join(homedir(), '.meshwork', 'workspace') };
}
