import type { QueryEngine } from '../../engine';
import type { ColumnInfo } from '../../specs/column-check';
import type { RuleNode } from '../../specs/segment-rule';
import { holdoutSql, holdoutThreshold } from '../holdout-sql';
import { segmentQuery } from '../segment/compile-segment';
import { column, queryRows, raw, sql, type CompiledSql, type Sql } from '../sql';
import { segmentColumns } from '../segment/score-columns';

export type ConsentPurpose = 'email' | 'ads' | 'analytics';
export type MemberStatus = 'member' | 'holdout' | 'no_consent' | 'missing_identifier';

export interface AudienceBuild {
  rule: RuleNode;
  asOf: string;
  purpose: ConsentPurpose;
  holdoutPct: number;
  salt: string;
}

/**
 * Every segment member with what happens to it in the audience: held out (SPEC section 6, on
 * the whole segment so a later holdout analysis finds the same split), no consent for the
 * destination's purpose, no identifier, or a member. `email_sha256` follows SPEC section 7:
 * hex SHA-256 of the trimmed, lower-cased address; a pseudonymised extract already holds it.
 */
export function audienceSql(build: AudienceBuild, columns: readonly ColumnInfo[]): CompiledSql {
  return audienceQuery(build, columns).compile();
}

function audienceQuery(build: AudienceBuild, columns: readonly ColumnInfo[]): Sql {
  const segment = segmentQuery(build.rule, columns, { asOf: build.asOf });
  const consentColumn = `consent_${build.purpose}`;
  if (!columns.some((c) => c.name === consentColumn))
    throw new Error(`customers has no ${consentColumn} column, so consent for ${build.purpose} cannot be checked.`);
  const held = holdoutSql(build.salt, raw('c.customer_id'), holdoutThreshold(build.holdoutPct));
  return sql`WITH seg AS (${segment}),
  base AS (
    SELECT c.customer_id, ${column('c', consentColumn)} AS consent, NULLIF(trim(c.email), '') AS email, ${held} AS held
    FROM customers c JOIN (SELECT DISTINCT customer_id FROM seg) s ON s.customer_id = c.customer_id
  )
  SELECT customer_id,
         CASE WHEN held THEN 'holdout'
              WHEN consent IS NOT TRUE THEN 'no_consent'
              WHEN email IS NULL THEN 'missing_identifier'
              ELSE 'member' END AS status,
         CASE WHEN email IS NULL THEN NULL
              WHEN regexp_full_match(email, '[0-9a-f]{64}') THEN email
              ELSE sha256(lower(email)) END AS email_sha256
  FROM base ORDER BY customer_id`;
}

export type AudienceMember = {
  customer_id: string;
  status: MemberStatus;
  email_sha256: string | null;
};

/** The audience's rows over the loaded customers, sorted by customer_id. */
export async function audienceMembers(db: QueryEngine, build: AudienceBuild): Promise<AudienceMember[]> {
  return queryRows<AudienceMember>(db, audienceQuery(build, await segmentColumns(db)));
}
