import type { QueryEngine } from '../../engine';
import { columnKind } from '../segment/compile-segment';
import { ident, queryRows, sql } from '../sql';
import { segmentColumns } from '../segment/score-columns';

/**
 * What the builders offer in their pick lists: conversion types (attribution, experiments, power),
 * event names and customer attributes with their values (segments).
 */

/** Conversion types by how often they occur, most frequent first. */
export async function conversionTypes(db: QueryEngine): Promise<{ type: string; count: number }[]> {
  return queryRows(db, sql`SELECT conversion_type AS type, count(*) AS count FROM conversions WHERE conversion_type IS NOT NULL GROUP BY 1 ORDER BY 2 DESC`);
}

/** Distinct event names, sorted, at most 500. */
export async function eventNames(db: QueryEngine): Promise<string[]> {
  const rows = await queryRows<{ v: string }>(db, sql`SELECT DISTINCT event_name AS v FROM events WHERE event_name IS NOT NULL ORDER BY 1 LIMIT 500`);
  return rows.map((r) => r.v);
}

/** Text columns whose values are identifiers or PII: never offered as a pick list. */
const NO_PICK_LIST = new Set(['customer_id', 'email', 'phone', 'email_sha256']);
/** A text column with more distinct values than this gets a free-text editor instead. */
const PICK_LIST_MAX = 50;

export interface CustomerColumn {
  name: string;
  type: string;
  kind: ReturnType<typeof columnKind>;
  /** The distinct values (sorted) of a text attribute with few of them, else null. */
  values: string[] | null;
}

export async function customerColumns(db: QueryEngine): Promise<CustomerColumn[]> {
  const out: CustomerColumn[] = [];
  for (const c of await segmentColumns(db)) {
    const kind = columnKind(c.type);
    let values: string[] | null = null;
    if (kind === 'string' && !NO_PICK_LIST.has(c.name)) {
      const distinct = await queryRows<{ v: string }>(
        db,
        sql`SELECT DISTINCT CAST(${ident(c.name)} AS VARCHAR) AS v FROM customers WHERE ${ident(c.name)} IS NOT NULL ORDER BY 1 LIMIT ${PICK_LIST_MAX + 1}`,
      );
      values = distinct.length <= PICK_LIST_MAX ? distinct.map((d) => d.v) : null;
    }
    out.push({ name: c.name, type: c.type, kind, values });
  }
  return out;
}

/**
 * The start of the day after the latest activity in `source` (`events` or `conversions`): the
 * builders' default "as of", so "in the last 30 days" means something on demo data too.
 */
export async function latestActivity(db: QueryEngine, source: 'events' | 'conversions'): Promise<string | null> {
  const [latest] = await queryRows<{ t: string | null }>(
    db,
    sql`SELECT strftime(date_trunc('day', max(occurred_at)) + INTERVAL 1 DAY, '%Y-%m-%dT%H:%M:%SZ') AS t FROM ${ident(source)}`,
  );
  return latest?.t ?? null;
}
