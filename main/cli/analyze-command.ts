/**
 * `meshwork analyze --data <dir> --spec <spec.json>` (SPEC section 2): one JSON document on
 * stdout and exit 0; a bad spec exits 2 and missing or unreadable data exits 3, each with
 * `{"error":{"code","message","path"}}` on stderr and nothing on stdout.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { METRIC_IDS } from '../../shared/metrics/metrics';
import { DIMENSIONS, compileMetricsQuery, metricsQuerySchema } from '../../shared/analysis/campaigns/metrics-sql';
import { SpecError, parseSpec, type AnalysisSpec } from '../../shared/specs/index';
import { specErrorFromZod } from '../../shared/specs/spec-error';
import { requiredProducts } from '../analysis/required-products';
import { runAnalysis } from '../analysis/run-analysis';
import { DuckDbEngine } from '../engine/duckdb-engine';
import { DataError, loadProducts } from '../engine/load-products';
import type { CliCommand, CliIo } from './cli-io';
import { printError } from './cli-io';

export const ANALYZE_USAGE = `Usage: meshwork analyze --data <dir> --spec <spec.json>
       meshwork analyze --data <dir> --metrics <ids> [--by <dimensions>] [--from <date>] [--to <date>]

Runs one analysis spec (attribution, segment, experiment, geo_experiment, geo_plan or budget; see
docs/engine.md, docs/incrementality.md and docs/planning.md) over the data
products' Parquet extracts and prints its result as one JSON document on stdout. With --metrics
it prints governed campaign metrics from campaign_performance instead: {"rows": [...]}.
Also calibrated_attribution: attribution beside measured lift (docs/incrementality.md).

Options:
  --data <dir>       folder holding <product id>.parquet files or <product id>/*.parquet parts
  --spec <file>      the analysis spec, a JSON file ("-" reads it from stdin)
  --metrics <ids>    comma-separated: ${METRIC_IDS.join(', ')}
  --by <dims>        comma-separated: ${DIMENSIONS.join(', ')}
  --from, --to       inclusive date range, YYYY-MM-DD
  --help             show this help

Exit codes: 0 done, 2 bad arguments or spec (unknown kind, missing field, bad value, unknown
column), 3 missing or unreadable data. Errors are {"error":{"code","message","path"}} on stderr.
`;

const argsSchema = z.object({
  data: z.string({ error: '--data <dir> is required: the folder holding the Parquet extracts' }).min(1),
  spec: z.string({ error: '--spec <spec.json> is required: the analysis spec to run' }).min(1),
});

const list = (v: string | undefined): string[] | undefined => (v === undefined ? undefined : v.split(',').map((x) => x.trim()).filter(Boolean));

async function metricsReport(dataDir: string, values: Record<string, string | boolean | undefined>): Promise<unknown> {
  const parsed = metricsQuerySchema.safeParse({
    metrics: list(values.metrics as string | undefined),
    group_by: list(values.by as string | undefined),
    from: values.from,
    to: values.to,
  });
  if (!parsed.success) {
    const error = specErrorFromZod(parsed.error, {});
    const flag = error.path.split(/[.[]/)[0] === 'group_by' ? '--by' : `--${error.path.split(/[.[]/)[0] ?? 'metrics'}`;
    throw new CliExit(2, { code: 'bad_arguments', message: `${flag}: ${error.message}`, path: error.path });
  }
  const db = await DuckDbEngine.open(':memory:');
  try {
    const [product] = await loadProducts(db, dataDir, { as: 'view', only: ['campaign_performance'], require: ['campaign_performance'] });
    const { sql, params } = compileMetricsQuery(parsed.data, new Set(product?.columns.map((c) => c.name)));
    return { rows: await db.all(sql, params) };
  } finally {
    db.close();
  }
}

class CliExit extends Error {
  constructor(
    readonly exitCode: number,
    readonly body: { code: string; message: string; path?: string },
  ) {
    super(body.message);
  }
}

async function readSpec(file: string): Promise<unknown> {
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    throw new CliExit(2, { code: 'spec_not_found', message: `Cannot read the spec file ${file}: ${(error as Error).message}. Pass --spec <path to a .json file>.` });
  }
  try {
    // Editors on Windows may save a byte-order mark, which JSON.parse rejects.
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new CliExit(2, { code: 'invalid_json', message: `The spec file ${file} is not valid JSON: ${(error as Error).message}` });
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function analyze(dataDir: string, spec: AnalysisSpec): Promise<unknown> {
  const db = await DuckDbEngine.open(':memory:');
  try {
    const needed = requiredProducts(spec);
    // Views: a one-shot run reads each Parquet column it needs once, so copying into tables first would only add time.
    const loaded = await loadProducts(db, dataDir, { as: 'view', require: [...needed.keys()], lenient: true });
    for (const [id, columns] of needed) {
      const product = loaded.find((p) => p.id === id);
      const have = new Set(product?.columns.map((c) => c.name));
      const missing = columns.filter((c) => !have.has(c));
      if (product && missing.length > 0) {
        throw new DataError('unreadable_data', `The extract of '${id}' lacks the pinned column(s) ${missing.join(', ')} (files: ${product.files.join(', ')}).`, product.files[0] ?? dataDir);
      }
    }
    return await runAnalysis(db, spec);
  } finally {
    db.close();
  }
}

export async function runAnalyze(args: string[], io: CliIo): Promise<number> {
  try {
    let values: Record<string, string | boolean | undefined>;
    try {
      values = parseArgs({
        args,
        options: {
          data: { type: 'string' },
          spec: { type: 'string' },
          metrics: { type: 'string' },
          by: { type: 'string' },
          from: { type: 'string' },
          to: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
      }).values;
    } catch (error) {
      throw new CliExit(2, { code: 'bad_arguments', message: `${(error as Error).message}. Run 'meshwork analyze --help'.` });
    }
    if (values.help) {
      io.stdout(ANALYZE_USAGE);
      return 0;
    }
    if (values.metrics !== undefined) {
      if (typeof values.data !== 'string') throw new CliExit(2, { code: 'bad_arguments', message: '--data <dir> is required: the folder holding the Parquet extracts' });
      io.stdout(`${JSON.stringify(await metricsReport(values.data, values))}\n`);
      return 0;
    }
    const parsed = argsSchema.safeParse(values);
    if (!parsed.success) {
      throw new CliExit(2, { code: 'bad_arguments', message: parsed.error.issues[0]?.message ?? 'bad arguments' });
    }
    const spec = parseSpec(await readSpec(parsed.data.spec));
    const result = await analyze(parsed.data.data, spec);
    io.stdout(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof CliExit) {
      printError(io, error.body);
      return error.exitCode;
    }
    if (error instanceof SpecError) {
      printError(io, { code: error.code, message: error.message, path: error.path });
      return 2;
    }
    if (error instanceof DataError) {
      printError(io, { code: error.code, message: error.message, path: error.path });
      return 3;
    }
    const message = error instanceof Error ? error.message : String(error);
    // DuckDB reports a corrupt or vanished Parquet file as an IO / invalid-input error mid-query.
    if (/IO Error|Invalid Input Error|parquet/i.test(message)) {
      printError(io, { code: 'unreadable_data', message: `The data could not be read: ${message}` });
      return 3;
    }
    printError(io, { code: 'internal_error', message });
    return 1;
  }
}

export const analyzeCommand: CliCommand = runAnalyze;
