/**
 * Pulls one Delta Sharing table into the same destinations as a mesh pull (the app's extract
 * cache or the CLI's `<out>/<product>/`): metadata -> query (with a date range as partition
 * hints) -> download every file from its pre-signed URL (resumed with Range, re-queried when the
 * URL expires, checked by size since the protocol gives no hash) -> rewrite each file as a part
 * with its partition values and mapped column names -> check -> install in one step.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { QueryEngine } from '../../../shared/engine';
import type { Manifest } from '../../../shared/mesh-api';
import { describeParquet } from '../../engine/parquet-footer';
import { contractProblems } from '../contract-check';
import { downloadPart, sha256OfFile } from '../download-part';
import { MeshError } from '../mesh-error';
import { abandonPull, progressReporter, type PullDestination, type PullProgress, type PullResult } from '../pull';
import { coreContract, mappingProblems, outputColumns, type ColumnMapping, type OutputColumn } from './core-mapping';
import { dateRangeHints, filesInRange, type DateRange } from './date-range';
import { assertNotExpired, type SharingProfile } from './profile';
import { fileRows, type SharedFileLine, type SharedTableRef, type TableMetaData } from './protocol';
import { SharingClient, type QueryBody } from './sharing-client';
import { sparkSchemaColumns } from './spark-schema';
import { quoteIdent, quoteLiteral } from '../../../shared/analysis/sql';

export interface SharedPullOptions {
  profile: SharingProfile;
  table: SharedTableRef;
  /** The folder name the parts install under (`<out>/<product>/`). */
  productId: string;
  /** Map the table onto this core product (SPEC section 1) and check its pinned columns. */
  coreProduct?: string;
  /** core column -> shared column renames. */
  mapping?: ColumnMapping;
  range?: DateRange;
  destination: PullDestination;
  /** DuckDB, for rewriting the downloaded files as parts and reading their footers. */
  db: QueryEngine;
  onProgress?: (progress: PullProgress) => void;
  signal?: AbortSignal;
  /** Fresh queries allowed per file when its pre-signed URL is refused. */
  maxRequeries?: number;
}

export interface SharedPullResult extends PullResult {
  table: string;
  tableVersion: number;
  /** Delta Sharing has no ODCS contract: either the core product checked, or none. */
  checkedAgainst: string | null;
  partitionFilter: { column: string; from: string | null; to: string | null } | null;
}

/** Cloud stores answer an expired pre-signed URL with 403 (S3, Azure) or 400 (GCS); 410 is sometimes used too. */
const EXPIRED_URL_STATUSES = new Set([400, 403, 410]);

/** Errors that are the caller's input, not a failed transfer (the CLI exits 2 on them). */
export const INPUT_ERROR_CODES = new Set(['bad_mapping', 'bad_filter']);

function partName(index: number, id: string): string {
  return `part-${String(index).padStart(5, '0')}-${id.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 80)}.parquet`;
}

function qualified(t: SharedTableRef): string {
  return `${t.share}.${t.schema}.${t.name}`;
}

/** The table's columns under their installed names, or a bad_mapping / contract_violation error. */
function planColumns(metaData: TableMetaData, options: SharedPullOptions): OutputColumn[] {
  const columns = sparkSchemaColumns(metaData.schemaString);
  const planned = outputColumns(columns, options.mapping ?? {});
  if (typeof planned === 'string') throw new MeshError(null, 'bad_mapping', `The column mapping does not fit ${qualified(options.table)}: ${planned}.`, false);
  if (options.coreProduct) {
    const problems = mappingProblems(
      options.coreProduct,
      planned.map((c) => ({ name: c.name, type: c.source.type })),
      qualified(options.table),
    );
    if (problems.length > 0) {
      throw new MeshError(
        null,
        'contract_violation',
        `${qualified(options.table)} does not fit the core product ${options.coreProduct}: ${problems.map((p) => p.message).join('; ')}. Map its columns with --columns core_column=shared_column. Nothing was downloaded.`,
        false,
      );
    }
  }
  return planned;
}

function dateColumn(metaData: TableMetaData, range: DateRange | undefined): string | null {
  if (!range || (range.from === undefined && range.to === undefined)) return null;
  const types = new Map(sparkSchemaColumns(metaData.schemaString).map((c) => [c.name, c.type]));
  const column = metaData.partitionColumns.find((p) => types.get(p) === 'DATE');
  if (!column) {
    throw new MeshError(
      null,
      'bad_filter',
      `A date range needs a DATE partition column; this table is partitioned by ${metaData.partitionColumns.length ? metaData.partitionColumns.join(', ') : 'nothing'}.`,
      false,
    );
  }
  return column;
}

/** One file's SELECT: data columns cast to the schema's types, partition columns from partitionValues. */
function partSelect(raw: string, columns: readonly OutputColumn[], partitionColumns: readonly string[], file: SharedFileLine): string {
  const select = columns.map((c) => {
    if (partitionColumns.includes(c.source.name)) {
      const value = file.partitionValues[c.source.name];
      // The protocol serialises a null partition value as an empty string.
      const literal = value === undefined || value === null || value === '' ? 'NULL' : quoteLiteral(value);
      return `CAST(${literal} AS ${c.source.type}) AS ${quoteIdent(c.name)}`;
    }
    return `CAST(${quoteIdent(c.source.name)} AS ${c.source.type}) AS ${quoteIdent(c.name)}`;
  });
  return `SELECT ${select.join(', ')} FROM read_parquet(${quoteLiteral(raw)})`;
}

export async function pullSharedTable(options: SharedPullOptions): Promise<SharedPullResult> {
  const { profile, table, productId, destination, db, signal } = options;
  assertNotExpired(profile);
  const client = new SharingClient(profile, signal);
  const report = progressReporter(productId, options.onProgress);
  report('manifest', 0, 0);
  const { metaData: first } = await client.metadata(table);
  planColumns(first, options); // refuse a bad mapping before any file is listed or fetched
  const partitionColumn = dateColumn(first, options.range);
  const hints: QueryBody = partitionColumn ? dateRangeHints(partitionColumn, options.range ?? {}) : {};
  const answer = await client.query(table, hints);
  const version = answer.version;
  const columns = planColumns(answer.metaData, options);
  const files = partitionColumn ? filesInRange(answer.files, partitionColumn, options.range ?? {}) : answer.files;
  const ids = new Set<string>();
  for (const f of files) {
    if (ids.has(f.id)) throw new MeshError(null, 'bad_answer', `The sharing server listed the file ${f.id} twice.`, false);
    ids.add(f.id);
  }
  const urls = new Map(files.map((f) => [f.id, f]));
  const refresh = async () => {
    const again = await client.query(table, hints);
    if (again.version !== version) {
      throw new MeshError(
        null,
        'table_changed',
        `${qualified(table)} changed from version ${version} to ${again.version} during the pull. Nothing was installed; pull again.`,
        true,
      );
    }
    for (const f of again.files) if (urls.has(f.id)) urls.set(f.id, f);
  };

  const staging = await destination.staging(productId, `v${version}`);
  const rawDir = join(staging, `.delta-raw-${productId}`);
  const partsDir = join(staging, productId);
  const total = files.reduce((s, f) => s + f.size, 0);
  const done = new Map<string, number>();
  const sumDone = () => [...done.values()].reduce((a, b) => a + b, 0);
  const endpoint = { url: profile.endpoint, token: profile.bearerToken };
  const maxRequeries = options.maxRequeries ?? 3;
  try {
    await mkdir(rawDir, { recursive: true });
    await mkdir(partsDir, { recursive: true });
    for (const [index, file] of files.entries()) {
      const target = join(rawDir, partName(index, file.id));
      for (let requery = 0; ; requery++) {
        const current = urls.get(file.id)!;
        // A URL already past its expiry is not worth a round trip to the store.
        if (current.expirationTimestamp !== undefined && current.expirationTimestamp <= Date.now() && requery < maxRequeries) {
          await refresh();
          continue;
        }
        try {
          await downloadPart({
            endpoint,
            file: { name: partName(index, file.id), url: current.url, sha256: '', bytes: file.size },
            target,
            ...(signal ? { signal } : {}),
            onBytes: ({ bytes }) => {
              done.set(file.id, bytes);
              report('download', sumDone(), total);
            },
          });
          break;
        } catch (error) {
          const refused = error instanceof MeshError && error.status !== null && EXPIRED_URL_STATUSES.has(error.status);
          if (!refused) throw error;
          if (requery >= maxRequeries) {
            throw new MeshError(
              error.status,
              'url_expired',
              `The storage kept refusing file ${file.id} of ${qualified(table)} (HTTP ${error.status}) after ${maxRequeries} fresh queries for its pre-signed URL. Nothing was installed; pull again.`,
              false,
            );
          }
          await refresh(); // the pre-signed URL expired mid-download: ask for a new one, resume where we stopped
        }
      }
      const size = await stat(target).then(
        (s) => s.size,
        () => -1,
      );
      if (size !== file.size) {
        throw new MeshError(
          null,
          'size_mismatch',
          `File ${file.id} of ${qualified(table)} is ${size} bytes, the sharing server says ${file.size}. Nothing was installed; pull again.`,
          false,
        );
      }
      done.set(file.id, file.size);
      report('download', sumDone(), total);
    }

    report('verify', total, total);
    const parts: string[] = [];
    try {
      for (const [index, file] of files.entries()) {
        const part = join(partsDir, partName(index, file.id));
        await db.run(
          `COPY (${partSelect(join(rawDir, partName(index, file.id)), columns, answer.metaData.partitionColumns, file)}) TO ${quoteLiteral(part)} (FORMAT parquet)`,
        );
        parts.push(part);
      }
      if (files.length === 0) {
        // An empty table (or range) still installs its schema, so analyses see zero rows, not missing data.
        const part = join(partsDir, partName(0, 'empty'));
        await db.run(
          `COPY (SELECT ${columns.map((c) => `CAST(NULL AS ${c.source.type}) AS ${quoteIdent(c.name)}`).join(', ')} LIMIT 0) TO ${quoteLiteral(part)} (FORMAT parquet)`,
        );
        parts.push(part);
      }
    } catch (error) {
      if (error instanceof MeshError) throw error;
      throw new MeshError(
        null,
        'schema_mismatch',
        `A file of ${qualified(table)} does not hold the columns its table schema declares (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). Nothing was installed; tell the data provider.`,
        false,
      );
    }
    await rm(rawDir, { recursive: true, force: true });

    const description = await describeParquet(db, parts);
    const contract = coreContract(options.coreProduct ?? productId, qualified(table));
    if (options.coreProduct) {
      const problems = contractProblems(contract, description.columns);
      if (problems.length > 0) {
        throw new MeshError(
          null,
          'contract_violation',
          `${qualified(table)} does not fit the core product ${options.coreProduct}: ${problems.map((p) => p.message).join('; ')}. Nothing was installed.`,
          false,
        );
      }
    }
    const statRows = files.map(fileRows);
    if (statRows.every((n) => n !== null)) {
      const expected = (statRows as number[]).reduce((a, b) => a + b, 0);
      if (expected !== description.rows) {
        throw new MeshError(
          null,
          'row_count_mismatch',
          `${qualified(table)} has ${description.rows} rows, its files' statistics say ${expected}. Nothing was installed; pull again.`,
          false,
        );
      }
    }
    const manifestFiles = [];
    for (const part of parts) {
      manifestFiles.push({
        name: part.slice(partsDir.length + 1),
        url: `delta-sharing:${qualified(table)}`,
        sha256: await sha256OfFile(part),
        bytes: (await stat(part)).size,
      });
    }
    const manifest: Manifest = {
      product: productId,
      version: `v${version}`,
      produced_at: new Date().toISOString(),
      rows: description.rows,
      files: manifestFiles,
    };
    report('install', total, total);
    // A shared table has no ODCS quality rules to measure.
    await destination.install(staging, { product: null, manifest, contract, etags: {}, quality: null });
    report('done', total, total);
    return {
      product: productId,
      version: `v${version}`,
      rows: description.rows,
      bytes: total,
      quality: null,
      files: files.length,
      reused: 0,
      table: qualified(table),
      tableVersion: version,
      checkedAgainst: options.coreProduct ?? null,
      partitionFilter: partitionColumn ? { column: partitionColumn, from: options.range?.from ?? null, to: options.range?.to ?? null } : null,
    };
  } catch (error) {
    throw await abandonPull(destination, staging, error, signal, productId);
  }
}
