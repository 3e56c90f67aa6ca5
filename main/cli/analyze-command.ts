/**
 * `meshwork analyze --data <dir> --spec <spec.json>` (SPEC section 2): one JSON document on
 * stdout and exit 0; a bad spec exits 2 and missing or unreadable data exits 3, each with
 * `{"error":{"code","message","path"}}` on stderr and nothing on stdout.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError, toAppError, type ErrorCode } from '../../shared/errors';
import { METRIC_IDS } from '../../shared/metrics/metrics';
import { DIMENSIONS, compileMetricsQuery, metricsQuerySchema } from '../../shared/analysis/campaigns/metrics-sql';
import { SpecError, parseSpec, type AnalysisSpec } from '../../shared/specs/index';
import { specErrorFromZod } from '../../shared/specs/spec-error';
import { SPEC_LIMITS } from '../../shared/specs/spec-limits';
import { checkPinnedTypes } from '../analysis/column-types';
import { requiredProducts } from '../analysis/required-products';
import { runAnalysis } from '../analysis/run-analysis';
import { DuckDbEngine } from '../engine/duckdb-engine';
import { DataError, loadProducts } from '../engine/load-products';
import type { CliCommand, CliIo } from './cli-io';
import { printError } from './cli-io';
import { verifyManifest } from './verify-manifest';

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
  --verify <file>    a pull's manifest.json (meshwork pull writes <dir>/<id>/manifest.json): check
                     that product's parts against its sha256 first; exit 3 on any mismatch
                     (repeat for several products)
  --help             show this help

Exit codes: 0 done, 2 bad arguments or spec (unknown kind, missing field, bad value, unknown
column), 3 missing or unreadable data. Errors are {"error":{"code","message","path"}} on stderr.
`;

const argsSchema = z.object({
  data: z.string({ error: '--data <dir> is required: the folder holding the Parquet extracts' }).min(1),
  spec: z.string({ error: '--spec <spec.json> is required: the analysis spec to run' }).min(1),
});

const list = (v: string | undefined): string[] | undefined =>
  v === undefined
    ? undefined
    : v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);

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
    throw new AppError('bad_arguments', `${flag}: ${error.message}`, error.path);
  }
  const db = await DuckDbEngine.open(':memory:');
  try {
    const loaded = await loadProducts(db, dataDir, { as: 'view', only: ['campaign_performance'], require: ['campaign_performance'] });
    checkPinnedTypes(loaded);
    const [product] = loaded;
    const { sql, params } = compileMetricsQuery(parsed.data, new Set(product?.columns.map((c) => c.name)));
    return { rows: await db.all(sql, params) };
  } finally {
    db.close();
  }
}

/** Codes of a bad command line or spec: exit 2 (SPEC section 2). */
const INPUT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'bad_arguments',
  'spec_not_found',
  'invalid_json',
  'invalid_input',
  'invalid_spec',
  'unknown_kind',
  'unknown_column',
  'unknown_variant',
  'unknown_experiment',
]);

/** The CLI boundary's one mapping from an error to its exit code: 2 bad input, 3 data, 1 anything else. */
function exitCodeFor(error: AppError): number {
  if (error instanceof DataError || error.code === 'missing_data' || error.code === 'unreadable_data') return 3;
  if (error instanceof SpecError || INPUT_CODES.has(error.code)) return 2;
  return 1;
}

/** Any failure as an AppError; DuckDB reports a corrupt or vanished Parquet file as an IO / invalid-input error mid-query. */
function toCliError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/IO Error|Invalid Input Error|parquet/i.test(message)) return new AppError('unreadable_data', `The data could not be read: ${message}`);
  return toAppError(error);
}

async function readSpec(file: string): Promise<unknown> {
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    throw new AppError('spec_not_found', `Cannot read the spec file ${file}: ${(error as Error).message}. Pass --spec <path to a .json file>.`);
  }
  if (text.length > SPEC_LIMITS.maxJsonBytes) {
    throw new AppError('invalid_spec', `The spec file ${file} is larger than ${SPEC_LIMITS.maxJsonBytes / 1024} KB; split it into smaller analyses.`, '');
  }
  try {
    // Editors on Windows may save a byte-order mark, which JSON.parse rejects.
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new AppError('invalid_json', `The spec file ${file} is not valid JSON: ${(error as Error).message}`);
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
        throw new DataError(
          'unreadable_data',
          `The extract of '${id}' lacks the pinned column(s) ${missing.join(', ')} (files: ${product.files.join(', ')}).`,
          product.files[0] ?? dataDir,
        );
      }
    }
    checkPinnedTypes(loaded, new Set(needed.keys()));
    return await runAnalysis(db, spec);
  } finally {
    db.close();
  }
}

export async function runAnalyze(args: string[], io: CliIo): Promise<number> {
  try {
    let values: Record<string, string | boolean | string[] | undefined>;
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
          verify: { type: 'string', multiple: true },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
      }).values;
    } catch (error) {
      throw new AppError('bad_arguments', `${(error as Error).message}. Run 'meshwork analyze --help'.`);
    }
    if (values.help) {
      io.stdout(ANALYZE_USAGE);
      return 0;
    }
    const manifests = Array.isArray(values.verify) ? values.verify : [];
    if (values.metrics !== undefined) {
      if (typeof values.data !== 'string') throw new AppError('bad_arguments', '--data <dir> is required: the folder holding the Parquet extracts');
      for (const manifest of manifests) await verifyManifest(manifest, values.data);
      io.stdout(`${JSON.stringify(await metricsReport(values.data, values as Record<string, string | boolean | undefined>))}\n`);
      return 0;
    }
    const parsed = argsSchema.safeParse(values);
    if (!parsed.success) {
      throw new AppError('bad_arguments', parsed.error.issues[0]?.message ?? 'bad arguments');
    }
    const spec = parseSpec(await readSpec(parsed.data.spec));
    // Damaged parts read without complaint and change the answer: check them before reading.
    for (const manifest of manifests) await verifyManifest(manifest, parsed.data.data);
    const result = await analyze(parsed.data.data, spec);
    io.stdout(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (error) {
    const failure = toCliError(error);
    printError(io, failure.toBody());
    return exitCodeFor(failure);
  }
}

export const analyzeCommand: CliCommand = runAnalyze;
