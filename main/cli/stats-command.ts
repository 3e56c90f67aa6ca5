import type { AppErrorBody } from '../../shared/errors';
/**
 * `meshwork stats --input <file.json|->` (SPEC section 8): one metric's sufficient statistics
 * in, the section 5 experiment result for that metric out, with the sample ratio mismatch check
 * of the variants' n. Exit 2 with `{"error":{"code","message","path"}}` on stderr for a bad
 * input (unreadable file, invalid JSON, a field missing, unknown or out of range).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { SpecError } from '../../shared/specs/spec-error';
import { applyCorrection, testMetric } from '../../shared/stats/experiment-stats';
import { parseStatsInput, type StatsInput } from '../../shared/stats/stats-input';
import { sampleRatioMismatch } from '../../shared/stats/srm';
import type { CliCommand, CliIo } from './cli-io';
import { printError } from './cli-io';

export const STATS_USAGE = `Usage: meshwork stats --input <file.json>
       meshwork stats --input -          (reads the JSON from stdin)

Tests one experiment metric from its sufficient statistics per variant, as GrowthBook's stats
engine takes them (docs/spec.md section 8, docs/experiment-statistics.md), and prints
{"kind":"experiment","srm":{...},"metrics":[{"name","variants":[...]}]} on stdout.

Input fields: metric {name, type: proportion|mean|ratio, inverse?}, control, variants
[{variant, n, sum, sum_squares, pre_sum?, pre_sum_squares?, sum_product?, den_sum?,
den_sum_squares?, num_den_sum_product?}], and optionally alpha (0.05), engine
(frequentist|sequential|bayesian), cuped (false), sequential_tuning (5000), prior
({mean 0, variance 0.09, proper false}), correction (none|holm|bh), inverse, expected_split,
experiment_id.

Exit codes: 0 done, 2 bad arguments or input. Errors are {"error":{"code","message","path"}} on stderr.
`;

class CliExit extends Error {
  constructor(readonly body: AppErrorBody) {
    super(body.message);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function readInput(file: string, stdin: () => Promise<string>): Promise<unknown> {
  let text: string;
  try {
    text = file === '-' ? await stdin() : await readFile(file, 'utf8');
  } catch (error) {
    throw new CliExit({
      code: 'input_not_found',
      message: `Cannot read the input file ${file}: ${(error as Error).message}. Pass --input <path to a .json file> or - for stdin.`,
    });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new CliExit({
      code: 'invalid_json',
      message: `The input ${file === '-' ? 'on stdin' : `file ${file}`} is not valid JSON: ${(error as Error).message}`,
    });
  }
}

/** The printed result: SRM over the variants' n, then the one metric (corrected when asked). */
export function statsResult(input: StatsInput): Record<string, unknown> {
  const { test } = input;
  const srm = sampleRatioMismatch(
    test.variants.map((v) => v.n),
    input.expectedWeights,
  );
  const metrics = applyCorrection([testMetric(test)], input.correction, test.alpha);
  return {
    kind: 'experiment',
    ...(input.experiment_id !== undefined ? { experiment_id: input.experiment_id } : {}),
    srm: { p_value: srm.p_value, flag: srm.flag, counts: Object.fromEntries(test.variants.map((v) => [v.variant, v.n])) },
    metrics,
  };
}

export async function runStats(args: string[], io: CliIo, stdin: () => Promise<string> = readStdin): Promise<number> {
  try {
    let values: { input?: string; help?: boolean };
    try {
      values = parseArgs({ args, options: { input: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }).values;
    } catch (error) {
      throw new CliExit({ code: 'bad_arguments', message: `${(error as Error).message}. Run 'meshwork stats --help'.` });
    }
    if (values.help) {
      io.stdout(STATS_USAGE);
      return 0;
    }
    if (!values.input) throw new CliExit({ code: 'bad_arguments', message: '--input <file.json> is required (or --input - to read stdin)' });
    const input = parseStatsInput(await readInput(values.input, stdin));
    io.stdout(`${JSON.stringify(statsResult(input))}\n`);
    return 0;
  } catch (error) {
    if (error instanceof CliExit) {
      printError(io, error.body);
      return 2;
    }
    if (error instanceof SpecError) {
      printError(io, { code: error.code, message: error.message, path: error.path });
      return 2;
    }
    printError(io, { code: 'internal_error', message: error instanceof Error ? error.message : String(error) });
    return 1;
  }
}

export const statsCommand: CliCommand = (args, io) => runStats(args, io);
