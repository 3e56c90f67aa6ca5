/**
 * The answers of the Delta Sharing REST API (PROTOCOL.md of delta-io/delta-sharing). Objects are
 * loose: the protocol tells clients to ignore fields they do not know.
 */
import { z } from 'zod';

/** Protocol versions this client can read; `minReaderVersion` above it means "upgrade". */
export const READER_VERSION = 1;

export const sharingErrorSchema = z.looseObject({ errorCode: z.string(), message: z.string() });

const pageToken = z.string().optional();

export const shareListSchema = z.looseObject({
  items: z.array(z.looseObject({ name: z.string(), id: z.string().optional() })).optional(),
  nextPageToken: pageToken,
});
export const schemaListSchema = z.looseObject({
  items: z.array(z.looseObject({ name: z.string(), share: z.string() })).optional(),
  nextPageToken: pageToken,
});
export const tableListSchema = z.looseObject({
  items: z
    .array(z.looseObject({ name: z.string(), schema: z.string(), share: z.string(), shareId: z.string().optional(), id: z.string().optional() }))
    .optional(),
  nextPageToken: pageToken,
});
export type SharedTableRef = { share: string; schema: string; name: string };

export const protocolLineSchema = z.looseObject({ minReaderVersion: z.number().int() });

export const metaDataSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  format: z.looseObject({ provider: z.string() }),
  schemaString: z.string(),
  partitionColumns: z.array(z.string()),
  configuration: z.record(z.string(), z.string()).optional(),
  version: z.number().int().optional(),
  size: z.number().optional(),
  numFiles: z.number().int().optional(),
});
export type TableMetaData = z.infer<typeof metaDataSchema>;

export const fileSchema = z.looseObject({
  url: z.string().min(1),
  id: z.string().min(1),
  partitionValues: z.record(z.string(), z.string().nullable()),
  size: z.number().int().nonnegative(),
  stats: z.string().optional(),
  expirationTimestamp: z.number().optional(),
  version: z.number().int().optional(),
  timestamp: z.number().optional(),
});
export type SharedFileLine = z.infer<typeof fileSchema>;

/** The row count a file's optional stats give, or null when it has none. */
export function fileRows(file: SharedFileLine): number | null {
  if (!file.stats) return null;
  try {
    const n = (JSON.parse(file.stats) as { numRecords?: unknown }).numRecords;
    return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null;
  } catch {
    return null;
  }
}
