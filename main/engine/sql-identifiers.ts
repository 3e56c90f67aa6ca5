/**
 * Identifiers are never user values: they come from the data contract's column list or the
 * catalog, and are still quoted so a name can never end the identifier early. The quoting
 * itself is shared/analysis/sql.ts's, the one implementation.
 */
export { quoteIdent } from '../../shared/analysis/sql';

/** Product ids become table names; only lower-case snake case is accepted. */
export const PRODUCT_ID_PATTERN = /^[a-z][a-z0-9_]*$/;
