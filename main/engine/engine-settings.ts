import { dirname, join } from 'node:path';
import { getLogger } from '../logging/logger';

const log = getLogger('engine-settings');

/**
 * DuckDB's memory cap in the engine process. A laptop shares its memory with the browser, the
 * mail client and the app itself, and DuckDB's own default (80 % of RAM) lets one big analysis
 * push everything else into swap. With a cap DuckDB spills sorts, joins and aggregates beyond it
 * to the temp directory instead: 5M customers (130M touchpoints) ingest and analyse under 2 GB
 * (docs/benchmarks.md). `MESHWORK_ENGINE_MEMORY_LIMIT` (e.g. `4GB`) overrides it.
 */
export const DEFAULT_ENGINE_MEMORY_LIMIT = '2GB';

/** The spill folder beside a workspace file (the app also names it in `restrictFiles`). */
export const SPILL_FOLDER = 'engine-tmp';

const MEMORY_LIMIT = /^\d+(\.\d+)?\s*(MB|GB|MiB|GiB)$/i;

/** The memory limit to use: the environment's when it is well-formed, else the default (logged). */
export function engineMemoryLimit(env: NodeJS.ProcessEnv = process.env): string {
  const wanted = env.MESHWORK_ENGINE_MEMORY_LIMIT?.trim();
  if (!wanted) return DEFAULT_ENGINE_MEMORY_LIMIT;
  if (MEMORY_LIMIT.test(wanted)) return wanted;
  log.warn('MESHWORK_ENGINE_MEMORY_LIMIT is not a size like 2GB or 512MB; using the default', {
    value: wanted,
    default: DEFAULT_ENGINE_MEMORY_LIMIT,
  });
  return DEFAULT_ENGINE_MEMORY_LIMIT;
}

/**
 * DuckDB options for the engine's database: the memory cap, and for a workspace file a spill
 * folder beside it (`<workspace folder>/engine-tmp`), so a spill never lands in the current
 * directory of whoever started the app. An in-memory database spills to DuckDB's default.
 */
export function engineDatabaseOptions(path: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const options: Record<string, string> = { memory_limit: engineMemoryLimit(env) };
  if (path !== ':memory:') options.temp_directory = join(dirname(path), SPILL_FOLDER);
  return options;
}
