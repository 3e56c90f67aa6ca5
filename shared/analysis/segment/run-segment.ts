import type { QueryEngine } from '../../engine';
import type { RuleNode } from '../../specs/segment-rule';
import type { SegmentSpec } from '../../specs/segment-spec';
import { piiMaskReplacements } from '../pii-mask';
import { joinSql, queryRows, raw, sql } from '../sql';
import { segmentFlagsQuery, segmentQuery } from './compile-segment';
import { segmentColumns } from './score-columns';

export interface SegmentResult {
  kind: 'segment';
  count: number;
  members?: string[];
}

/** `as_of` absent means now: the instant the analysis runs (UTC). */
export function resolveAsOf(asOf: string | undefined, now: Date = new Date()): string {
  return asOf ?? now.toISOString();
}

/** SPEC section 4 output: the count, and the members sorted ascending when asked for. */
export async function runSegment(db: QueryEngine, spec: SegmentSpec, now?: Date): Promise<SegmentResult> {
  const columns = await segmentColumns(db);
  const members = segmentQuery(spec.rule, columns, { asOf: resolveAsOf(spec.as_of, now) });
  if (!spec.include_members) {
    const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*) AS n FROM (${members})`);
    return { kind: 'segment', count: row?.n ?? 0 };
  }
  const rows = await queryRows<{ customer_id: string }>(db, sql`${members} ORDER BY c.customer_id`);
  return { kind: 'segment', count: rows.length, members: rows.map((r) => r.customer_id) };
}

export async function segmentCount(db: QueryEngine, rule: RuleNode, asOf?: string): Promise<number> {
  return (await runSegment(db, { kind: 'segment', include_members: false, rule, ...(asOf ? { as_of: asOf } : {}) })).count;
}

/**
 * `matrix[i][j]` is the number of customers in both segment i and segment j (the diagonal is
 * each segment's size), from one scan.
 */
export async function segmentOverlap(db: QueryEngine, rules: readonly RuleNode[], asOf?: string): Promise<number[][]> {
  if (rules.length === 0) return [];
  const columns = await segmentColumns(db);
  const flags = segmentFlagsQuery(rules, columns, { asOf: resolveAsOf(asOf) });
  const cells: string[] = [];
  rules.forEach((_, i) =>
    rules.forEach((__, j) => {
      if (j >= i) cells.push(`count(*) FILTER (WHERE s${i} AND s${j}) AS o_${i}_${j}`);
    }),
  );
  const [row] = await queryRows(db, sql`SELECT ${raw(cells.join(', '))} FROM (${flags})`);
  return rules.map((_, i) => rules.map((__, j) => Number(row?.[`o_${Math.min(i, j)}_${Math.max(i, j)}`] ?? 0)));
}

export interface PreviewOptions {
  asOf?: string;
  limit?: number;
  /** Only users whose mesh identity has `pii_access` see raw e-mail and phone. */
  piiAccess: boolean;
}

/**
 * The first members (by customer_id) with all customers columns. Without PII access, `email`
 * keeps its first character and domain (`j***@example.com`) and `phone` its last two digits, so
 * a marketer can eyeball the segment without reading anyone's address.
 */
export async function segmentPreview(db: QueryEngine, rule: RuleNode, options: PreviewOptions): Promise<Record<string, unknown>[]> {
  const columns = await segmentColumns(db);
  const members = segmentQuery(rule, columns, { asOf: resolveAsOf(options.asOf) });
  const limit = Math.max(0, Math.min(Math.floor(options.limit ?? 50), 1000));
  const replace = options.piiAccess ? [] : piiMaskReplacements(columns.map((c) => c.name));
  const select = replace.length > 0 ? sql`* REPLACE (${joinSql(replace, ', ')})` : raw('*');
  return queryRows(db, sql`SELECT ${select} FROM customers WHERE customer_id IN (${members}) ORDER BY customer_id LIMIT ${limit}`);
}
