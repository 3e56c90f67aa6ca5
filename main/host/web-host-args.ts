import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

const portSchema = z.coerce.number().int().min(0).max(65535);

export type WebHostArgs =
  | { ok: true; port: number; dataDir: string; mesh: { url: string; token: string } | undefined; demoCustomers: number | undefined }
  | { ok: false; message: string };

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
  const url = env.MESHWORK_MESH_URL;
  const token = env.MESHWORK_MESH_TOKEN;
  if ((url && !token) || (!url && token))
    return { ok: false, message: 'Set both MESHWORK_MESH_URL and MESHWORK_MESH_TOKEN to use another mesh, or neither for the demo mesh.' };
  const customers = env.MESHWORK_DEMO_CUSTOMERS;
  const parsedCustomers = customers ? z.coerce.number().int().min(100).max(5_000_000).safeParse(customers) : null;
  if (parsedCustomers && !parsedCustomers.success)
    return { ok: false, message: `MESHWORK_DEMO_CUSTOMERS must be a whole number from 100 to 5,000,000, not '${customers}'.` };
  return {
    ok: true,
    port: parsedPort.data,
    dataDir: dataDir ?? join(homedir(), '.meshwork', 'workspace'),
    mesh: url && token ? { url, token } : undefined,
    demoCustomers: parsedCustomers?.data,
  };
}
