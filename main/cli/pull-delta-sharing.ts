/**
 * `meshwork pull --delta-sharing <profile> --table share.schema.table --out <dir>`: one Delta
 * Sharing table placed at `<dir>/<product>/` exactly as a mesh pull places an extract, so
 * `meshwork analyze --data <dir>` reads it.
 */
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { DuckDbEngine } from '../engine/duckdb-engine';
import { isCoreProduct, parseColumnMapping, type ColumnMapping } from '../mesh/delta-sharing/core-mapping';
import { readProfile, type ProfileError } from '../mesh/delta-sharing/profile';
import { INPUT_ERROR_CODES, pullSharedTable } from '../mesh/delta-sharing/pull-shared-table';
import { sharedCatalog } from '../mesh/delta-sharing/shared-catalog';
import { MeshError } from '../mesh/mesh-error';
import { flatDestination } from '../mesh/pull-destinations';
import { parseOptions } from './cli-args';
import { outIsUsable, printError, rememberSecret, type CliCommand } from './cli-io';

export const DELTA_SHARING_HELP = `Usage: meshwork pull --delta-sharing <profile.share> --table <share.schema.table> --out <dir>
                     [--as <product id>] [--columns core=shared,...] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
       meshwork pull --delta-sharing <profile.share> --list

--list prints the profile's catalog as JSON: every shared table with its version, partition
columns, column types and the core products it fits as it is.

Reads one table shared over the Delta Sharing protocol, using the recipient profile file the
provider gave you (shareCredentialsVersion, endpoint, bearerToken, expirationTime), and places
it at <dir>/<product>/ (the table name unless --as names a product) in one step.
--as maps the table onto a core product (customers, touchpoints, conversions, events,
campaign_performance, experiment_assignments) and checks its pinned columns and types, as a
mesh pull checks a contract; --columns renames shared columns to core ones, e.g.
--columns revenue=order_value. --from/--to keep the days of the table's DATE partition column
in that inclusive range. Delta Sharing tables carry no ODCS contract.
Bad options or profile exit 2; any other failure (expired token, transfer, size, schema)
exits 4 with {"error":{code,message}} on stderr and leaves <dir> as it was.
`;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'is not a calendar date');

const schema = z
  .object({
    'delta-sharing': z.string({ error: 'is required: the profile file' }).min(1, 'must name the profile file'),
    table: z.string({ error: 'is required: share.schema.table' }).regex(/^[^.\s/]+\.[^.\s/]+\.[^.\s/]+$/, 'must be share.schema.table'),
    out: z.string({ error: 'is required: the folder to place the table in' }).min(1),
    as: z
      .string()
      .regex(/^[A-Za-z0-9_]{1,64}$/, 'must be a product id such as touchpoints')
      .optional(),
    columns: z.string().max(4000).optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .refine((v) => v.from === undefined || v.to === undefined || v.from <= v.to, { message: 'must not be after --to', path: ['from'] });

/** `--list`: the catalog of the profile, one JSON document on stdout. */
async function listCatalog(args: string[], io: Parameters<CliCommand>[1]): Promise<number> {
  const parsed = parseOptions(
    args.filter((a) => a !== '--list'),
    ['delta-sharing'],
    z.object({ 'delta-sharing': z.string({ error: 'is required: the profile file' }).min(1) }).strict(),
  );
  if (!parsed.ok) {
    printError(io, { code: 'invalid_arguments', message: `${parsed.message}\n${DELTA_SHARING_HELP}`, path: parsed.path });
    return 2;
  }
  let profile;
  try {
    profile = await readProfile(resolve(parsed.value['delta-sharing']));
  } catch (error) {
    const e = error as ProfileError;
    printError(io, { code: e.code, message: e.message, path: e.path });
    return 2;
  }
  rememberSecret(profile.bearerToken);
  try {
    io.stdout(`${JSON.stringify({ endpoint: profile.endpoint, tables: await sharedCatalog(profile) })}\n`);
    return 0;
  } catch (error) {
    const e = error instanceof MeshError ? error : new MeshError(null, 'list_failed', error instanceof Error ? error.message : String(error), false);
    printError(io, { code: e.code, message: e.message });
    return 4;
  }
}

export const pullDeltaSharingCommand: CliCommand = async (args, io) => {
  if (args.includes('--list')) return listCatalog(args, io);
  const parsed = parseOptions(args, ['delta-sharing', 'table', 'out', 'as', 'columns', 'from', 'to'], schema);
  if (!parsed.ok) {
    printError(io, { code: 'invalid_arguments', message: `${parsed.message}\n${DELTA_SHARING_HELP}`, path: parsed.path });
    return 2;
  }
  const o = parsed.value;
  const [share, schemaName, tableName] = o.table.split('.') as [string, string, string];
  let mapping: ColumnMapping = {};
  if (o.columns !== undefined) {
    const m = parseColumnMapping(o.columns);
    if (typeof m === 'string') {
      printError(io, { code: 'invalid_arguments', message: `--columns: ${m}.`, path: 'columns' });
      return 2;
    }
    mapping = m;
  }
  if (o.as !== undefined && !isCoreProduct(o.as) && Object.keys(mapping).length > 0) {
    printError(io, { code: 'invalid_arguments', message: `--columns maps onto a core product's columns, and ${o.as} is not one.`, path: 'as' });
    return 2;
  }
  const productId = o.as ?? tableName;
  if (!/^[A-Za-z0-9_]{1,64}$/.test(productId)) {
    printError(io, { code: 'invalid_arguments', message: `The table name ${tableName} is not a usable folder name; name the product with --as.`, path: 'as' });
    return 2;
  }
  let profile;
  try {
    profile = await readProfile(resolve(o['delta-sharing']));
  } catch (error) {
    const e = error as ProfileError;
    printError(io, { code: e.code, message: e.message, path: e.path });
    return 2;
  }
  rememberSecret(profile.bearerToken);
  const outDir = resolve(o.out);
  if (!(await outIsUsable(io, outDir))) return 4;
  const db = await DuckDbEngine.open(':memory:');
  try {
    const result = await pullSharedTable({
      profile,
      table: { share, schema: schemaName, name: tableName },
      productId,
      ...(o.as !== undefined && isCoreProduct(o.as) ? { coreProduct: o.as } : {}),
      mapping,
      range: { ...(o.from !== undefined ? { from: o.from } : {}), ...(o.to !== undefined ? { to: o.to } : {}) },
      destination: flatDestination(outDir),
      db,
    });
    io.stdout(`${JSON.stringify({ ...result, contract: 'none: Delta Sharing tables carry no ODCS contract', path: join(outDir, productId) })}\n`);
    return 0;
  } catch (error) {
    const e = error instanceof MeshError ? error : new MeshError(null, 'pull_failed', error instanceof Error ? error.message : String(error), false);
    printError(io, { code: e.code, message: e.message });
    return INPUT_ERROR_CODES.has(e.code) ? 2 : 4;
  } finally {
    db.close();
  }
};
