/**
 * `npm run bench -- [--customers 1000000] [--seed 42] [--memory-limit 1GB] [--keep]`: generates the synthetic mesh
 * extracts once into bench/data/c<N>/, ingests them into a workspace file, and prints the time
 * of each analysis beside a naive reference SQL for the same answer. It prints figures and
 * never asserts times (docs/benchmarks.md records and explains them).
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { generateDataset } from '../fixtures/generator/generate';
import type { QueryEngine } from '../shared/engine';
import { DuckDbEngine } from '../main/engine/duckdb-engine';
import { findExtracts, loadProducts } from '../main/engine/load-products';
import type { BenchRow } from './bench-types';
import { benchBudget } from './budget-bench';
import { benchExperiment } from './experiment-bench';
import { benchSegment } from './segment-bench';
import { timed } from './timing';

const argsSchema = z.object({
  customers: z.coerce.number().int().min(100, '--customers must be at least 100').max(5_000_000).default(1_000_000),
  seed: z.coerce.number().int().min(0).default(42),
  keep: z.boolean().default(false),
  'memory-limit': z
    .string()
    .regex(/^\d+(\.\d+)?\s*(MB|GB|MiB|GiB)$/i, '--memory-limit looks like 1GB')
    .default('1GB'),
});

const benchRowSchema = z.array(z.object({ name: z.string(), seconds: z.number(), naiveSeconds: z.number().optional(), note: z.string().optional() }));

/** bench/attribution.ts belongs to the attribution engineer; it is loaded when present. */
async function attributionRows(db: QueryEngine): Promise<BenchRow[]> {
  const file = resolve(import.meta.dirname, 'attribution.ts');
  if (!existsSync(file)) return [{ name: 'attribution', seconds: NaN, note: 'bench/attribution.ts is not there yet' }];
  const mod = (await import(pathToFileURL(file).href)) as { benchAttribution?: (db: QueryEngine) => Promise<unknown> };
  if (typeof mod.benchAttribution !== 'function') return [{ name: 'attribution', seconds: NaN, note: 'bench/attribution.ts exports no benchAttribution' }];
  try {
    return benchRowSchema.parse(await mod.benchAttribution(db));
  } catch (error) {
    // One failing section must not hide the others' figures.
    return [{ name: 'attribution', seconds: NaN, note: `failed: ${error instanceof Error ? error.message : String(error)}` }];
  }
}

function fmt(seconds: number | undefined): string {
  return seconds === undefined || Number.isNaN(seconds) ? '-' : `${seconds.toFixed(3)} s`;
}

function printTable(rows: BenchRow[]): void {
  const lines = rows.map((r) => {
    const ratio = r.naiveSeconds !== undefined && r.seconds > 0 ? `${(r.naiveSeconds / r.seconds).toFixed(1)}x` : '-';
    return [r.name, fmt(r.seconds), fmt(r.naiveSeconds), ratio, r.note ?? ''];
  });
  const head = ['step', 'engine', 'naive', 'speed-up', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const row = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  process.stdout.write(`${row(head)}\n| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |\n${lines.map(row).join('\n')}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { customers: { type: 'string' }, seed: { type: 'string' }, keep: { type: 'boolean' }, 'memory-limit': { type: 'string' } },
  });
  const args = argsSchema.parse(values);
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

  const workspace = join(resolve(import.meta.dirname, 'data'), `workspace-c${args.customers}.duckdb`);
  rmSync(workspace, { force: true });
  rmSync(`${workspace}.wal`, { force: true });
  // A laptop shares its memory with everything else: DuckDB gets a cap and spills beyond it.
  const db = await DuckDbEngine.open(workspace, { memory_limit: args['memory-limit'] });
  try {
    const ingest = await timed(() => loadProducts(db, dataDir, { as: 'table' }));
    const touchpoints = ingest.value.find((p) => p.id === 'touchpoints')?.rows ?? 0;
    rows.push({
      name: 'ingest (all products into the workspace)',
      seconds: ingest.seconds,
      note: `${ingest.value.length} products, ${touchpoints.toLocaleString('en-US')} touchpoints`,
    });
    rows.push(...(await attributionRows(db)));
    rows.push(...(await benchSegment(db, parquet)));
    rows.push(...(await benchExperiment(db, parquet)));
    rows.push(...(await benchBudget(db)));
  } finally {
    db.close();
    const size = existsSync(workspace) ? statSync(workspace).size : 0;
    if (!args.keep) rmSync(workspace, { force: true });
    process.stderr.write(`workspace file ${(size / 2 ** 30).toFixed(2)} GiB\n`);
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(
    `\nMeshwork bench: ${args.customers.toLocaleString('en-US')} customers, seed ${args.seed}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, DuckDB memory_limit ${args['memory-limit']}, node ${process.version}\n\n`,
  );
  printTable(rows);
  process.stdout.write(`\npeak memory (max RSS of this process, DuckDB included): ${(peak / 2 ** 30).toFixed(2)} GiB\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
