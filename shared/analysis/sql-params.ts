import type { SqlParam } from '../engine';

/**
 * The imperative form of shared/analysis/sql.ts's binding, for compilers that still build
 * strings (shared/analysis/experiment, whose owners move it to `sql```). New code uses the tag.
 */
export class SqlParams {
  readonly values: SqlParam[] = [];
  add(value: SqlParam): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export { quoteIdent } from './sql';
