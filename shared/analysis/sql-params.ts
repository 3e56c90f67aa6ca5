import type { SqlParam } from '../engine';

/** Collects bound parameters; `add` returns the `$n` placeholder. Values never become SQL text. */
export class SqlParams {
  readonly values: SqlParam[] = [];
  add(value: SqlParam): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Identifier quoting for names taken from the catalog or the contract's column list. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
