/**
 * `npm run bench -- [--customers 1000000] [--seed 42] [--memory-limit 1GB] [--keep]`: generates the synthetic mesh
 * extracts once into bench/data/c<N>/, ingests them into a workspace file, and prints the time
 * of each analysis beside a naive reference SQL for the same answer. It prints figures and
 * never asserts times (docs/benchmarks.md records and explains them).
 *
 * Above 1M customers (the 5M scale run) DuckDB gets the app's memory cap (2GB) by default and
 * spills to bench/data/run-c<N>/engine-tmp; the bench then runs ingest, the seven models, a segment
 * count, an experiment and the responsiveness probe once each, without the naive references.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { generateDataset } from '../fixtures/generator/generate';
import { DuckDbEngine } from '../main/engine/duckdb-engine';
import { findExtracts, loadProducts } from '../main/engine/load-products';
import { DEFAULT_ENGINE_MEMORY_LIMIT, engineDatabaseOptions } from '../main/engine/engine-settings';
import { benchAttribution } from './attribution';
import type { BenchRow, BenchScope } from './bench-types';
import { benchBudget } from './budget-bench';
import { benchExperiment } from './experiment-bench';
import { benchResponsiveness } from './responsiveness';
import { benchSegment } from './segment-bench';
import { timed } from './timing';
import { watchSpill } from './spill-watch';

const argsSchema = z.object({
  customers: z.coerce.number().int().min(100, '--customers must be at least 100').max(5_000_000).default(1_000_000),
  seed: z.coerce.number().int().min(0).default(42),
  keep: z.boolean().default(false),
  'memory-limit': z
    .string()
    .regex(/^\d+(\.\d+)?\s*(MB|GB|MiB|GiB)$/i, '--memory-limit looks like 1GB')
    .optional(),
});

/** Above this many customers the bench is the scale run (see the header). */
const SCALE_RUN_ABOVE = 1_000_000;

/** One failing section must not hide the others' figures. */
async function section(name: string, run: () => Promise<BenchRow[]>): Promise<BenchRow[]> {
  try {
    return await run();
  } catch (error) {
    return [{ name, seconds: NaN, note: `failed: ${error instanceof Error ? error.message : String(error)}` }];
  }
}

/** Adds a section's rows and echoes them on stderr at once: a scale run takes many minutes. */
function progress(rows: BenchRow[], added: BenchRow[] = []): void {
  rows.push(...added);
  const shown = added.length > 0 ? added : rows.slice(-1);
  for (const r of shown) process.stderr.write(`${r.name}: ${fmt(r.seconds)} (cpu ${fmt(r.cpuSeconds)}) ${r.note ?? ''}\n`);
}

function fmt(seconds: number | undefined): string {
  return seconds === undefined || Number.isNaN(seconds) ? '-' : `${seconds.toFixed(3)} s`;
}

function printTable(rows: BenchRow[]): void {
  const lines = rows.map((r) => {
    const ratio = r.naiveSeconds !== undefined && r.seconds > 0 ? `${(r.naiveSeconds / r.seconds).toFixed(1)}x` : '-';
    return [r.name, fmt(r.seconds), fmt(r.cpuSeconds), fmt(r.naiveSeconds), ratio, r.note ?? ''];
  });
  const head = ['step', 'engine', 'cpu', 'naive', 'speed-up', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const row = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  process.stdout.write(`${row(head)}\n| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |\n${lines.map(row).join('\n')}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { customers: { type: 'string' }, seed: { type: 'string' }, keep: { type: 'boolean' }, 'memory-limit': { type: 'string' } },
  });
  const args = argsSchema.parse(values);
  const scale = args.customers > SCALE_RUN_ABOVE;
  // Up to 1M the 1GB cap the earlier figures were measured with; above, what the app uses.
  const memoryLimit = args['memory-limit'] ?? (scale ? DEFAULT_ENGINE_MEMORY_LIMIT : '1GB');
  const scope: BenchScope = scale ? { naive: false, runs: 1 } : { naive: true, runs: 3 };
  const dataDir = resolve(import.meta.dirname, 'data', `c${args.customers}`);
  const rows: BenchRow[] = [];

  if (!existsSync(join(dataDir, 'touchpoints.parquet'))) {
    process.stderr.write(`generating ${args.customers} customers into ${dataDir} ...\n`);
    const gen = await timed(() => generateDataset({ outDir: dataDir, customers: args.customers, seed: args.seed, memoryLimit: '1GB' }));
    process.stderr.write(`generated in ${gen.seconds.toFixed(1)} s\n`);
  }
  const extracts = findExtracts(dataDir);
  const parquet = (id: string): string => {
    const files = extracts.get(id) ?? [];
    return `read_parquet([${files.map((f) => `'${f.replaceAll("'", "''")}'`).join(', ')}])`;
  };

  // One folder per size: two benches at once must never share DuckDB's spill files (it names
  // them the same in every process, so a shared folder corrupts both runs).
  const runDir = join(resolve(import.meta.dirname, 'data'), `run-c${args.customers}`);
  mkdirSync(runDir, { recursive: true });
  const workspace = join(runDir, 'workspace.duckdb');
  rmSync(workspace, { force: true });
  rmSync(`${workspace}.wal`, { force: true });
  // A laptop shares its memory with everything else: DuckDB gets a cap and spills beyond it, to
  // the folder the app uses beside its workspace (engine-settings.ts): run-c<N>/engine-tmp.
  const options: Record<string, string> = { ...engineDatabaseOptions(workspace, {}), memory_limit: memoryLimit };
  const spill = watchSpill(options.temp_directory ?? join(dataDir, 'engine-tmp'));
  const db = await DuckDbEngine.open(workspace, options);
  let closed = false;
  try {
    const ingest = await timed(() => loadProducts(db, dataDir, { as: 'table' }));
    const touchpoints = ingest.value.find((p) => p.id === 'touchpoints')?.rows ?? 0;
    rows.push({
      name: 'ingest (all products into the workspace)',
      seconds: ingest.seconds,
      cpuSeconds: ingest.cpuSeconds,
      note: `${ingest.value.length} products, ${touchpoints.toLocaleString('en-US')} touchpoints`,
    });
    progress(rows);
    // At scale the seven models run once, cold, in the responsiveness probe below.
    if (!scale) progress(rows, await section('attribution', () => benchAttribution(db, scope)));
    progress(rows, await section('segment count', () => benchSegment(db, parquet, scope)));
    progress(rows, await section('experiment', () => benchExperiment(db, parquet, scope)));
    if (!scale) progress(rows, await section('budget', () => benchBudget(db)));
    db.close();
    closed = true;
    // The probe opens the workspace through the app's engine service, with the same cap.
    process.env.MESHWORK_ENGINE_MEMORY_LIMIT = memoryLimit;
    progress(rows, await section('responsiveness', () => benchResponsiveness(workspace)));
  } finally {
    if (!closed) db.close();
    spill.stop();
    const size = existsSync(workspace) ? statSync(workspace).size : 0;
    if (!args.keep) rmSync(workspace, { force: true });
    process.stderr.write(`workspace file ${(size / 2 ** 30).toFixed(2)} GiB\n`);
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(
    `\nMeshwork bench: ${args.customers.toLocaleString('en-US')} customers, seed ${args.seed}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, DuckDB memory_limit ${memoryLimit}, node ${process.version}\n\n`,
  );
  printTable(rows);
  process.stdout.write(`\npeak memory (max RSS of this process, DuckDB included): ${(peak / 2 ** 30).toFixed(2)} GiB\n`);
  process.stdout.write(`largest spill to disk seen (DuckDB temp files, sampled each second): ${(spill.peakBytes() / 2 ** 30).toFixed(2)} GiB\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
