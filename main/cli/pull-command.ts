import { resolve } from 'node:path';
import { z } from 'zod';
import { describeParquetInProcess } from '../mesh/describe-parquet';
import { MeshError } from '../mesh/mesh-error';
import { pullProduct } from '../mesh/pull';
import { flatDestination } from '../mesh/pull-destinations';
import { meshUrlSchema, parseOptions, tokenSchema } from './cli-args';
import { printError, type CliCommand } from './cli-io';

const HELP = `Usage: meshwork pull --mesh <url> --token <token> --product <id> --out <dir>

Fetches the product's current extract, checks every part's sha256 and the schema against the
product's data contract, and only then places the parts at <dir>/<id>/<part> (replacing an
earlier pull of that product in one step). Prints a JSON summary on stdout.
Any failure exits 4 with {"error":{code,message}} on stderr and leaves <dir> as it was.
`;

const schema = z.object({
  mesh: meshUrlSchema,
  token: tokenSchema,
  product: z.string({ error: 'is required: the data product id, e.g. customers' }).regex(/^[A-Za-z0-9_]+$/, 'must be a product id such as customers'),
  out: z.string({ error: 'is required: the folder to place the extract in' }).min(1),
});

export const pullCommand: CliCommand = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(HELP);
    return 0;
  }
  const parsed = parseOptions(args, ['mesh', 'token', 'product', 'out'], schema);
  if (!parsed.ok) {
    printError(io, { code: 'invalid_arguments', message: `${parsed.message}\n${HELP}`, path: parsed.path });
    return 2;
  }
  const { mesh, token, product, out } = parsed.value;
  try {
    const result = await pullProduct({
      endpoint: { url: mesh, token },
      productId: product,
      destination: flatDestination(resolve(out)),
      describe: describeParquetInProcess,
      onProgress: (p) => {
        if (p.phase === 'download' && process.stderr.isTTY) process.stderr.write(`\r${product}: ${Math.round((100 * p.bytesDone) / Math.max(1, p.bytesTotal))}%`);
      },
    });
    io.stdout(`${JSON.stringify({ ...result, path: resolve(out, product) })}\n`);
    return 0;
  } catch (error) {
    const e = error instanceof MeshError ? error : new MeshError(null, 'pull_failed', error instanceof Error ? error.message : String(error), false);
    printError(io, { code: e.code, message: e.message });
    return 4;
  }
};
