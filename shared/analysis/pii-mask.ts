import { ident, raw, sql, type Sql } from './sql';

/**
 * SPEC section 1 tags `email` and `phone` of `customers` as PII. Where a user lacks
 * `pii_access`, previews and grids show `a***@example.com` and `***01`: enough to recognise a
 * record, not enough to contact anyone. (Extracts for such users are already pseudonymised by
 * the mesh; this also covers a PII user's data shown to someone else on the same laptop.)
 */
export const PII_COLUMNS = ['email', 'phone'] as const;

const MASK_SQL: Record<(typeof PII_COLUMNS)[number], string> = {
  email: `CASE WHEN "email" IS NULL THEN NULL WHEN strpos("email", '@') > 1 THEN left("email", 1) || '***' || substr("email", strpos("email", '@')) ELSE '***' END`,
  phone: `CASE WHEN "phone" IS NULL THEN NULL ELSE '***' || right("phone", 2) END`,
};

/** `* REPLACE (...)` items masking the PII columns present in `columns`. */
export function piiMaskReplacements(columns: Iterable<string>): Sql[] {
  const present = new Set(columns);
  return PII_COLUMNS.filter((c) => present.has(c)).map((c) => sql`${raw(MASK_SQL[c])} AS ${ident(c)}`);
}
