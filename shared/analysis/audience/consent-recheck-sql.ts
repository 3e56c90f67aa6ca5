import type { QueryEngine } from '../../engine';
import { tableColumns } from '../table-columns';
import { column, queryRows, sql, type Sql } from '../sql';
import type { ConsentPurpose } from './audience-sql';

/**
 * An audience version's members re-checked against the Customer 360 loaded now: whether each
 * still consents to the destination's purpose. A version is built once and activated later;
 * consent withdrawn in between must not reach the destination (docs/governance.md, "Consent
 * that stays current").
 */
export type RecheckStatus = 'consents' | 'withdrawn' | 'missing';

export type RecheckedMember = {
  customer_id: string;
  /** `withdrawn`: no consent for the purpose now; `missing`: no longer in Customer 360 at all. */
  status: RecheckStatus;
  /** SPEC section 7's identifier from the current extract (null when missing or without an e-mail). */
  email_sha256: string | null;
};

export function consentRecheckQuery(customerIds: readonly string[], purpose: ConsentPurpose): Sql {
  const consent = column('c', `consent_${purpose}`);
  // As audience-sql.ts: hex SHA-256 of the trimmed, lower-cased address; a pseudonymised extract already holds it.
  return sql`WITH ids AS (SELECT DISTINCT unnest(${[...customerIds]}::VARCHAR[]) AS customer_id),
  matched AS (
    SELECT i.customer_id, c.customer_id IS NOT NULL AS found, ${consent} AS consent, NULLIF(trim(c.email), '') AS email
    FROM ids i LEFT JOIN customers c ON c.customer_id = i.customer_id
  )
  SELECT customer_id,
         CASE WHEN NOT found THEN 'missing' WHEN consent IS TRUE THEN 'consents' ELSE 'withdrawn' END AS status,
         CASE WHEN email IS NULL THEN NULL
              WHEN regexp_full_match(email, '[0-9a-f]{64}') THEN email
              ELSE sha256(lower(email)) END AS email_sha256
  FROM matched ORDER BY customer_id`;
}

/** Each given customer once, sorted by id, with its consent for `purpose` in the loaded customers table. */
export async function recheckConsent(db: QueryEngine, customerIds: readonly string[], purpose: ConsentPurpose): Promise<RecheckedMember[]> {
  if (customerIds.length === 0) return [];
  const columns = await tableColumns(db, 'customers');
  if (!columns.some((c) => c.name === `consent_${purpose}`))
    throw new Error(`customers has no consent_${purpose} column, so consent for ${purpose} cannot be re-checked.`);
  return queryRows<RecheckedMember>(db, consentRecheckQuery(customerIds, purpose));
}
