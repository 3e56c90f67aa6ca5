import type { QueryEngine } from '../../engine';
import type { RuleNode } from '../../specs/segment-rule';
import { column, joinSql, queryRows, raw, sql, type Sql } from '../sql';
import { segmentQuery } from './compile-segment';
import { resolveAsOf } from './run-segment';
import { segmentColumns } from './score-columns';

/** A destination as the mesh lists it: what it matches people on and the consent it needs. */
export interface MatchDestination {
  id: string;
  purpose: string;
  identifier: string;
}

export interface MatchRate {
  id: string;
  /** Members of the segment: the estimate's denominator. */
  members: number;
  /** Members with one of the destination's identifier columns filled and its consent given. */
  matchable: number;
  /** The Customer 360 columns that hold the identifier (any one of them is enough). */
  identifierColumns: string[];
  consentColumn: string;
  /** Columns the estimate needs that the extract lacks: then nobody counts as matchable. */
  missing: string[];
}

/**
 * Which Customer 360 columns carry each identifier a destination can match on. Ad platforms
 * (Meta custom audiences, Google Customer Match) take the hashed e-mail; a phone or mobile ad id
 * counts only where the extract has such a column. Identifiers come from this fixed map, never
 * from the caller, so only known column names reach SQL.
 */
export const IDENTIFIER_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  email_sha256: ['email_sha256'],
  email: ['email'],
  phone: ['phone'],
  phone_sha256: ['phone_sha256'],
  mobile_ad_id: ['mobile_ad_id'],
  customer_id: ['customer_id'],
};

const CONSENT_COLUMNS: Readonly<Record<string, string>> = { email: 'consent_email', ads: 'consent_ads', analytics: 'consent_analytics' };

/** The columns a destination's estimate reads: its identifier's and its purpose's consent flag. */
export function matchColumns(destination: MatchDestination): { identifierColumns: string[]; consentColumn: string } {
  return {
    identifierColumns: [...(IDENTIFIER_COLUMNS[destination.identifier] ?? [])],
    consentColumn: CONSENT_COLUMNS[destination.purpose] ?? `consent_${destination.purpose}`,
  };
}

/**
 * The estimated match rate of a segment at each destination: the share of its members who carry
 * an identifier the destination matches on (non-empty) and consented to its purpose. It is an
 * upper bound on what the platform will match: a platform matches only the hashes of its own
 * users, which no extract can know. One scan of the members for every destination.
 */
export async function segmentMatchRates(db: QueryEngine, rule: RuleNode, destinations: readonly MatchDestination[], asOf?: string): Promise<MatchRate[]> {
  const columns = await segmentColumns(db);
  const present = new Set(columns.filter((c) => !c.source).map((c) => c.name));
  const plans = destinations.map((d) => {
    const { identifierColumns, consentColumn } = matchColumns(d);
    const missing = [...(identifierColumns.some((c) => present.has(c)) ? [] : identifierColumns), ...(present.has(consentColumn) ? [] : [consentColumn])];
    if (identifierColumns.length === 0) missing.unshift(d.identifier);
    return { d, identifierColumns, consentColumn, missing };
  });
  const cells: Sql[] = [raw('count(*) AS members')];
  plans.forEach((p, i) => {
    if (p.missing.length > 0) return;
    const filled = joinSql(
      p.identifierColumns.filter((c) => present.has(c)).map((c) => sql`NULLIF(CAST(${column('c', c)} AS VARCHAR), '') IS NOT NULL`),
      ' OR ',
    );
    cells.push(sql`count(*) FILTER (WHERE (${filled}) AND COALESCE(${column('c', p.consentColumn)}, FALSE)) AS ${raw(`d${i}`)}`);
  });
  const members = segmentQuery(rule, columns, { asOf: resolveAsOf(asOf) });
  const [row] = await queryRows(db, sql`SELECT ${joinSql(cells, ', ')} FROM customers AS c WHERE c.customer_id IN (SELECT customer_id FROM (${members}))`);
  const total = Number(row?.members ?? 0);
  return plans.map((p, i) => ({
    id: p.d.id,
    members: total,
    matchable: p.missing.length > 0 ? 0 : Number(row?.[`d${i}`] ?? 0),
    identifierColumns: p.identifierColumns,
    consentColumn: p.consentColumn,
    missing: p.missing,
  }));
}
