import type { SqlParam } from '../../engine';
import { checkSegmentColumns, type ColumnInfo } from '../../specs/column-check';
import type { AttributeCondition, ConversionCondition, EventCondition, RuleNode, Scalar } from '../../specs/segment-rule';
import { SpecError, formatPath } from '../../specs/spec-error';
import { column as col, ident, joinSql, param, raw, sql, type CompiledSql, type Sql } from '../sql';
import { toUtcTimestamp } from '../../specs/timestamps';
import { scoreProduct } from './score-columns';

/**
 * Compiles a segment rule tree (SPEC section 4) to one SQL query over `customers`.
 *
 * NULL semantics: every condition is wrapped in COALESCE(cond, false), so a comparison with a
 * NULL column is false and `not` of it is true; three-valued logic never reaches `all`/`any`/`not`.
 * Event and conversion counts are LEFT JOINed per condition, so `min_count: 0` keeps customers
 * with no rows at all. All values are bound parameters; identifiers come only from `columns`.
 */
export type { CompiledSql } from '../sql';

export interface SegmentCompileOptions {
  /** The instant windows end at, ISO-8601 (`2026-06-30T00:00:00Z`). */
  asOf: string;
}

type ColumnKind = 'number' | 'string' | 'boolean' | 'time' | 'other';

export function columnKind(type: string): ColumnKind {
  const t = type.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL.*|NUMERIC.*|INT\d*)$/.test(t))
    return 'number';
  if (t === 'VARCHAR' || t.startsWith('VARCHAR(') || t === 'TEXT' || t === 'STRING') return 'string';
  if (t === 'BOOLEAN' || t === 'BOOL') return 'boolean';
  if (t === 'DATE' || t.startsWith('TIMESTAMP')) return 'time';
  return 'other';
}

const SQL_TYPE: Record<Exclude<ColumnKind, 'other'>, Sql> = {
  number: raw('DOUBLE'),
  string: raw('VARCHAR'),
  boolean: raw('BOOLEAN'),
  time: raw('TIMESTAMP'),
};

const CONSENT_COLUMN = { email: 'consent_email', ads: 'consent_ads', analytics: 'consent_analytics' } as const;

class SegmentBuilder {
  readonly ctes: Sql[] = [];
  readonly joins: Sql[] = [];
  private readonly columns: Map<string, ColumnInfo>;
  private asOfRef: Sql | null = null;
  private readonly scoreJoins = new Map<string, Sql>();

  constructor(
    columns: readonly ColumnInfo[],
    private readonly asOf: string,
  ) {
    this.columns = new Map(columns.map((c) => [c.name, c]));
  }

  /** `as_of` is bound once and shared by every window. */
  private asOfParam(): Sql {
    if (this.asOfRef === null) {
      const ts = toUtcTimestamp(this.asOf);
      if (ts === null) throw new SpecError('invalid_spec', `as_of must be an ISO-8601 timestamp such as 2026-06-30T00:00:00Z`, 'as_of');
      this.asOfRef = sql`CAST(${param(ts)} AS TIMESTAMP)`;
    }
    return this.asOfRef;
  }

  condition(node: RuleNode, path: PropertyKey[]): Sql {
    if ('all' in node) {
      if (node.all.length === 0) return raw('TRUE');
      return sql`(${joinSql(
        node.all.map((c, i) => this.condition(c, [...path, 'all', i])),
        ' AND ',
      )})`;
    }
    if ('any' in node) {
      if (node.any.length === 0) return raw('FALSE');
      return sql`(${joinSql(
        node.any.map((c, i) => this.condition(c, [...path, 'any', i])),
        ' OR ',
      )})`;
    }
    if ('not' in node) return sql`(NOT ${this.condition(node.not, [...path, 'not'])})`;
    if ('consent' in node) {
      const column = CONSENT_COLUMN[node.consent];
      if (!this.columns.has(column)) {
        throw new SpecError(
          'unknown_column',
          `${formatPath([...path, 'consent'])} needs the customers column ${column}, which the extract lacks`,
          formatPath([...path, 'consent']),
        );
      }
      return sql`COALESCE(${col('c', column)} = TRUE, FALSE)`;
    }
    if ('event' in node) return this.countCondition('events', 'event_name', node.event, node);
    if ('conversion' in node) return this.countCondition('conversions', 'conversion_type', node.conversion, node);
    return sql`COALESCE(${this.attribute(node, path)}, FALSE)`;
  }

  private countCondition(table: string, keyColumn: string, key: string, node: EventCondition | ConversionCondition): Sql {
    const name = raw(`cnt_${this.ctes.length + 1}`);
    const asOf = this.asOfParam();
    const where = [sql`${ident(keyColumn)} = ${key}`, sql`occurred_at <= ${asOf}`];
    if (node.within_days !== undefined) {
      const micros = Math.round(node.within_days * 86_400_000_000);
      where.push(sql`occurred_at >= ${asOf} - to_microseconds(CAST(${micros} AS BIGINT))`);
    }
    this.ctes.push(sql`${name} AS (SELECT customer_id, count(*) AS n FROM ${ident(table)} WHERE ${joinSql(where, ' AND ')} GROUP BY customer_id)`);
    this.joins.push(sql`LEFT JOIN ${name} ON ${name}.customer_id = c.customer_id`);
    const count = sql`COALESCE(${name}.n, 0)`;
    const parts = [sql`${count} >= ${node.min_count}`];
    if (node.max_count !== undefined) parts.push(sql`${count} <= ${node.max_count}`);
    return sql`(${joinSql(parts, ' AND ')})`;
  }

  private attribute(node: AttributeCondition, path: PropertyKey[]): Sql {
    const column = this.columns.get(node.attribute);
    const attrPath = formatPath([...path, 'attribute']);
    if (!column) throw new SpecError('unknown_column', `${attrPath} "${node.attribute}" is not a column of customers`, attrPath);
    const c = column.source ? this.scoreColumn(column.source, column.name) : col('c', column.name);
    if (node.op === 'is_null') return sql`${c} IS NULL`;
    if (node.op === 'is_not_null') return sql`${c} IS NOT NULL`;
    const kind = columnKind(column.type);
    const valuePath = [...path, 'value'];
    if (kind === 'other') {
      throw new SpecError('invalid_spec', `${attrPath} "${column.name}" has type ${column.type}, which supports only is_null and is_not_null`, attrPath);
    }
    if (node.op === 'contains' || node.op === 'starts_with') {
      if (kind !== 'string') {
        throw new SpecError(
          'invalid_spec',
          `${formatPath([...path, 'op'])} ${node.op} needs a text column, but ${column.name} is ${column.type}`,
          formatPath([...path, 'op']),
        );
      }
      // contains()/starts_with() match the value literally: no LIKE wildcards, no escapes.
      return sql`${raw(node.op)}(${c}, ${this.value(node.value, kind, valuePath, column)})`;
    }
    if (node.op === 'in' || node.op === 'not_in') {
      if (node.value.length === 0) return node.op === 'in' ? raw('FALSE') : sql`${c} IS NOT NULL`;
      const list = joinSql(
        node.value.map((v, i) => this.value(v, kind, [...valuePath, i], column)),
        ', ',
      );
      return sql`${c} ${raw(node.op === 'in' ? 'IN' : 'NOT IN')} (${list})`;
    }
    if (node.op === 'between') {
      const lo = this.value(node.value[0], kind, [...valuePath, 0], column);
      const hi = this.value(node.value[1], kind, [...valuePath, 1], column);
      return sql`${c} BETWEEN ${lo} AND ${hi}`;
    }
    const comparison = node as { op: '=' | '!=' | '<' | '<=' | '>' | '>='; value: Scalar };
    const op = COMPARISON[comparison.op];
    return sql`${c} ${op} ${this.value(comparison.value, kind, valuePath, column)}`;
  }

  /** A score column from another product: joined once per product, its latest row per customer. */
  private scoreColumn(product: string, name: string): Sql {
    let alias = this.scoreJoins.get(product);
    if (!alias) {
      alias = raw(`score_${this.scoreJoins.size + 1}`);
      this.scoreJoins.set(product, alias);
      this.ctes.push(sql`${alias} AS (SELECT customer_id, arg_max(${ident(name)}, scored_at) AS ${ident(name)} FROM ${ident(product)} GROUP BY customer_id)`);
      this.joins.push(sql`LEFT JOIN ${alias} ON ${alias}.customer_id = c.customer_id`);
    }
    return sql`${alias}.${ident(name)}`;
  }

  /** Binds one value, checked against the column's kind and cast to it. */
  private value(value: Scalar, kind: Exclude<ColumnKind, 'other'>, path: PropertyKey[], column: ColumnInfo): Sql {
    const where = formatPath(path);
    const bad = (expected: string): never => {
      throw new SpecError(
        'invalid_spec',
        `${where} must be ${expected} because customers.${column.name} is ${column.type}, not ${JSON.stringify(value)}`,
        where,
      );
    };
    let bound: SqlParam;
    switch (kind) {
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) bad('a number');
        bound = value;
        break;
      case 'boolean':
        if (typeof value !== 'boolean') bad('true or false');
        bound = value;
        break;
      case 'string':
        if (typeof value !== 'string') bad('a string');
        bound = value;
        break;
      case 'time': {
        const ts = typeof value === 'string' ? toUtcTimestamp(value) : null;
        if (ts === null) bad('an ISO-8601 date or timestamp such as 2026-06-30 or 2026-06-30T00:00:00Z');
        bound = ts;
        break;
      }
    }
    return sql`CAST(${bound} AS ${SQL_TYPE[kind]})`;
  }

  from(): Sql {
    return joinSql([raw('customers AS c'), ...this.joins], ' ');
  }

  withClause(): Sql {
    return this.ctes.length > 0 ? sql`WITH ${joinSql(this.ctes, ', ')} ` : raw('');
  }
}

/** The rule's comparison operators as SQL (a fixed map: the op never reaches SQL as text). */
const COMPARISON: Record<'=' | '!=' | '<' | '<=' | '>' | '>=', Sql> = {
  '=': raw('='),
  '!=': raw('<>'),
  '<': raw('<'),
  '<=': raw('<='),
  '>': raw('>'),
  '>=': raw('>='),
};

/** The members query as a fragment, to embed in a larger query (audiences, counts, previews). */
export function segmentQuery(rule: RuleNode, columns: readonly ColumnInfo[], options: SegmentCompileOptions): Sql {
  checkSegmentColumns(rule, columns);
  const b = new SegmentBuilder(columns, options.asOf);
  const where = b.condition(rule, ['rule']);
  return sql`${b.withClause()}SELECT c.customer_id FROM ${b.from()} WHERE ${where}`;
}

/** One query returning the `customer_id` of every member (unordered). */
export function compileSegment(rule: RuleNode, columns: readonly ColumnInfo[], options: SegmentCompileOptions): CompiledSql {
  return segmentQuery(rule, columns, options).compile();
}

/**
 * One query returning `customer_id` and one boolean column `s0..s{n-1}` per rule: the base of
 * the overlap matrix, so n segments cost one scan instead of n.
 */
export function segmentFlagsQuery(rules: readonly RuleNode[], columns: readonly ColumnInfo[], options: SegmentCompileOptions): Sql {
  const b = new SegmentBuilder(columns, options.asOf);
  const flags = rules.map((rule, i) => {
    checkSegmentColumns(rule, columns);
    return sql`${b.condition(rule, ['rules', i])} AS ${raw(`s${i}`)}`;
  });
  return sql`${b.withClause()}SELECT c.customer_id, ${joinSql(flags, ', ')} FROM ${b.from()}`;
}

/** The products a rule reads besides `customers`. */
export function segmentProducts(rule: RuleNode): Set<string> {
  const out = new Set<string>(['customers']);
  const walk = (n: RuleNode): void => {
    if ('all' in n) n.all.forEach(walk);
    else if ('any' in n) n.any.forEach(walk);
    else if ('not' in n) walk(n.not);
    else if ('event' in n) out.add('events');
    else if ('conversion' in n) out.add('conversions');
    else if ('attribute' in n) {
      const product = scoreProduct(n.attribute);
      if (product) out.add(product);
    }
  };
  walk(rule);
  return out;
}
