import { z } from 'zod';
import { call } from './define';

/** What a result table may be exported as; the CSV stays the renderer's own text. */
export const EXPORT_KINDS = ['attribution', 'experiment', 'segment_members', 'audience_members'] as const;

const cell = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

/**
 * A result table exactly as its CSV export holds it: the same column names in the same order and
 * the same rows (totals included where the CSV has them), plus each column's type for Parquet.
 */
export const exportTableSchema = z
  .object({
    kind: z.enum(EXPORT_KINDS),
    /** What the export is of, for the activity log, e.g. "attribution of purchase". */
    title: z.string().min(1).max(200),
    columns: z
      .array(z.object({ name: z.string().min(1).max(128), type: z.enum(['VARCHAR', 'DOUBLE', 'BIGINT', 'BOOLEAN', 'DATE', 'TIMESTAMP']) }).strict())
      .min(1)
      .max(200),
    rows: z.array(z.array(cell).max(200)).max(1_000_000),
  })
  .strict()
  .refine((t) => t.rows.every((r) => r.length === t.columns.length), { message: 'every row needs one value per column', path: ['rows'] });
export type ExportTable = z.input<typeof exportTableSchema>;

const parquetBytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'must be Parquet bytes');

export const exportsContract = {
  parquet: call(
    'A result table as Parquet (the same columns and rows as its CSV); recorded in the activity log',
    exportTableSchema,
    z.object({ parquet: parquetBytes, rows: z.number().int() }),
  ),
  /** The CSV is built where the table is shown; this only records that it was exported. */
  recordCsv: call(
    'Records a CSV export of a result table in the activity log',
    z.object({ kind: z.enum(EXPORT_KINDS), title: z.string().min(1).max(200), rows: z.number().int().min(0) }).strict(),
    z.object({ ok: z.literal(true) }),
  ),
};
