/**
 * The catalog entries of a Delta Sharing profile: every table the recipient can see, with its
 * version and its schema as workbench column types. A shared table has no ODCS contract; the
 * entry says so, and names the core products its columns already fit without any mapping.
 */
import { CORE_PRODUCTS, mappingProblems } from './core-mapping';
import { assertNotExpired, type SharingProfile } from './profile';
import { SharingClient } from './sharing-client';
import { sparkSchemaColumns, type SharedColumn } from './spark-schema';

export interface SharedCatalogEntry {
  table: string;
  share: string;
  schema: string;
  name: string;
  version: number;
  description: string | null;
  partitionColumns: string[];
  columns: Pick<SharedColumn, 'name' | 'type' | 'nullable'>[];
  contract: null;
  contractNote: string;
  /** Core products whose pinned columns and types this table has as it is. */
  fitsCoreProducts: string[];
}

export const NO_CONTRACT_NOTE =
  'Delta Sharing publishes no ODCS data contract; the columns come from the table metadata. Map the table to a core product to have it checked.';

export async function sharedCatalog(profile: SharingProfile, signal?: AbortSignal): Promise<SharedCatalogEntry[]> {
  assertNotExpired(profile);
  const client = new SharingClient(profile, signal);
  const entries: SharedCatalogEntry[] = [];
  for (const ref of await client.listAllTables()) {
    const { version, metaData } = await client.metadata(ref);
    const columns = sparkSchemaColumns(metaData.schemaString);
    const table = `${ref.share}.${ref.schema}.${ref.name}`;
    entries.push({
      table,
      share: ref.share,
      schema: ref.schema,
      name: ref.name,
      version,
      description: metaData.description ?? null,
      partitionColumns: metaData.partitionColumns,
      columns: columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable })),
      contract: null,
      contractNote: NO_CONTRACT_NOTE,
      fitsCoreProducts: Object.keys(CORE_PRODUCTS).filter((p) => mappingProblems(p, columns, table).length === 0),
    });
  }
  return entries;
}
