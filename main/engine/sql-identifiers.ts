/**
 * The one place identifiers enter SQL. Identifiers are never user values: they come from the
 * data contract's column list or the catalog, and are still quoted so a name can never end
 * the identifier early.
 */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Product ids become table names; only lower-case snake case is accepted. */
export const PRODUCT_ID_PATTERN = /^[a-z][a-z0-9_]*$/;
