import { join, resolve } from 'node:path';
import { z } from 'zod';
import { describeParquetInProcess } from '../mesh/describe-parquet';
import { checkQualityInProcess } from '../mesh/quality/check-quality';
import { QualityError } from '../mesh/quality/quality-error';
import { checkWritable } from '../mesh/disk-error';
import { MeshError } from '../mesh/mesh-error';
import { pullProduct } from '../mesh/pull';
import { flatDestination } from '../mesh/pull-destinations';
import { meshUrlSchema, parseOptions } from './cli-args';
import { outIsUsable, printError, redactForCli, type CliCommand } from './cli-io';
import { resolveToken, TOKEN_HELP } from './token-source';

const HELP = `Usage: meshwork pull --mesh <url> (--token <token> | --token-file <path>) --product <id> --out <dir>

Fetches the product's current extract, checks every part's sha256 and the schema against the
product's data contract, measures the contract's quality rules on the parts, and only then
places the parts at <dir>/<id>/<part> (replacing an earlier pull of that product in one step).
Prints a JSON summary on stdout, with every quality rule's result under "quality".
Any failure exits 4 with {"error":{code,message}} on stderr and leaves <dir> as it was; a failed
error-level quality rule is such a failure (code quality_failed), and the error then carries
every rule's result under "quality".
${TOKEN_HELP}
A Delta Sharing table instead: meshwork pull --delta-sharing <profile> --help
`;

const schema = z.object({
  mesh: meshUrlSchema,
  token: z.string().optional(),
  'token-file': z.string().min(1, 'must name a file').optional(),
  product: z.string({ error: 'is required: the data product id, e.g. customers' }).regex(/^[A-Za-z0-9_]+$/, 'must be a product id such as customers'),
  out: z.string({ error: 'is required: the folder to place the extract in' }).min(1),
});

export const pullCommand: CliCommand = async (args, io) => {
  // A Delta Sharing table instead of a mesh product: its own options (pull-delta-sharing.ts).
  if (args.includes('--delta-sharing')) {
    const { pullDeltaSharingCommand, DELTA_SHARING_HELP } = await import('./pull-delta-sharing');
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout(DELTA_SHARING_HELP);
      return 0;
    }
    return pullDeltaSharingCommand(args, io);
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(HELP);
    return 0;
  }
  const parsed = parseOptions(args, ['mesh', 'token', 'token-file', 'product', 'out'], schema);
  if (!parsed.ok) {
    printError(io, { code: 'invalid_arguments', message: `${parsed.message}\n${HELP}`, path: parsed.path });
    return 2;
  }
  const resolved = await resolveToken({ token: parsed.value.token, tokenFile: parsed.value['token-file'] }, io.env ?? process.env);
  if (!resolved.ok) {
    printError(io, { code: resolved.code, message: `${resolved.message}\n${HELP}`, path: resolved.path });
    return 2;
  }
  const token = resolved.token;
  const { mesh, product, out } = parsed.value;
  const outDir = resolve(out);
  if (!(await outIsUsable(io, outDir))) return 4;
  let progressShown = false;
  try {
    await checkWritable(outDir);
    const result = await pullProduct({
      endpoint: { url: mesh, token },
      productId: product,
      destination: flatDestination(outDir),
      describe: describeParquetInProcess,
      checkQuality: checkQualityInProcess,
      onProgress: (p) => {
        // Progress only for a person watching; scripts read the JSON on stdout and stderr.
        if (p.phase !== 'download' || !process.stderr.isTTY) return;
        progressShown = true;
        const eta = p.etaSeconds === null ? '' : `, ${Math.ceil(p.etaSeconds)} s left`;
        process.stderr.write(`\r${product}: ${Math.round((100 * p.bytesDone) / Math.max(1, p.bytesTotal))}% of ${p.bytesTotal} bytes${eta}   `);
      },
    });
    if (progressShown) process.stderr.write('\n');
    io.stdout(`${JSON.stringify({ ...result, path: join(outDir, product) })}\n`);
    return 0;
  } catch (error) {
    if (progressShown) process.stderr.write('\n');
    const e = error instanceof MeshError ? error : new MeshError(null, 'pull_failed', describeFailure(error, outDir), false);
    if (e instanceof QualityError) {
      // The refused version's rule results travel in the one error document (stdout stays empty).
      io.stderr(`${JSON.stringify({ error: { code: e.code, message: redactForCli(e.message), quality: e.results } })}\n`);
      return 4;
    }
    printError(io, { code: e.code, message: e.message });
    return 4;
  }
};

/** File-system failures name the folder and what to do, not just the errno. */
function describeFailure(error: unknown, outDir: string): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return `Cannot write to ${outDir} (${code}); choose a folder you can write to. Nothing was changed there.`;
  if (code === 'ENOSPC') return `The disk holding ${outDir} is full; free some space and pull again. Nothing was changed there.`;
  return error instanceof Error ? error.message : String(error);
}
