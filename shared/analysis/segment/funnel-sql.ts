import type { QueryEngine } from '../../engine';
import type { RuleNode } from '../../specs/segment-rule';
import { joinSql, queryRows, raw, sql } from '../sql';
import { segmentFlagsQuery } from './compile-segment';
import { resolveAsOf } from './run-segment';
import { segmentColumns } from './score-columns';

/** One top-level condition of the rule, in the rule's order. */
export interface FunnelStep {
  /** Customers left after this condition and every one before it (the running AND). */
  remaining: number;
  /** Customers this condition keeps on its own, from the whole base. */
  alone: number;
}

export interface SegmentFunnel {
  /** Every customer in Customer 360: the funnel's 100%. */
  base: number;
  steps: FunnelStep[];
}

/**
 * The conditions a funnel walks: the children of a top-level "all" (each narrows the one before),
 * or the whole rule as one step when the top is "any", "not" or a single condition (an OR has no
 * order in which it narrows).
 */
export function funnelConditions(rule: RuleNode): RuleNode[] {
  return 'all' in rule ? rule.all : [rule];
}

/**
 * How many customers each top-level condition keeps, cumulatively and alone, from one scan: the
 * conditions are compiled as flags by the same compiler as the segment (segmentFlagsQuery), so
 * the last step's `remaining` is the segment's count by construction.
 */
export async function segmentFunnel(db: QueryEngine, rule: RuleNode, asOf?: string): Promise<SegmentFunnel> {
  const conditions = funnelConditions(rule);
  if (conditions.length === 0) {
    const [row] = await queryRows<{ base: number }>(db, sql`SELECT count(*) AS base FROM customers`);
    return { base: Number(row?.base ?? 0), steps: [] };
  }
  const columns = await segmentColumns(db);
  const flags = segmentFlagsQuery(conditions, columns, { asOf: resolveAsOf(asOf) });
  // Column names are generated from indexes (s0, kept_0, ...), never from input.
  const cells = conditions.flatMap((_, i) => {
    const running = conditions.slice(0, i + 1).map((__, j) => `s${j}`);
    return [raw(`count(*) FILTER (WHERE ${running.join(' AND ')}) AS kept_${i}`), raw(`count(*) FILTER (WHERE s${i}) AS alone_${i}`)];
  });
  const [row] = await queryRows(db, sql`SELECT count(*) AS base, ${joinSql(cells, ', ')} FROM (${flags})`);
  return {
    base: Number(row?.base ?? 0),
    steps: conditions.map((_, i) => ({ remaining: Number(row?.[`kept_${i}`] ?? 0), alone: Number(row?.[`alone_${i}`] ?? 0) })),
  };
}
