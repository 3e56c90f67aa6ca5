import { sql, type Sql, type SqlArg } from './sql';

/**
 * SPEC section 6: a customer is held out when
 * int(first 8 hex digits of sha256(salt + ":" + customer_id), 16) mod 10000 < round(holdout_pct * 100).
 *
 * Rounding: `round` is the double-precision product rounded half away from zero (Math.round on
 * the non-negative range 0..50, as DuckDB's and C's round()). The product is taken as the float
 * it is: 1.005 * 100 is 100.49999999999999 and rounds to 100; 12.345 * 100 is exactly 1234.5 and
 * rounds to 1235. Python's round() rounds exact halves to even (1234), so an implementation built
 * on it differs only for percentages with a third decimal whose product is an exact half; the
 * builder offers whole and half percentages, which never hit that case.
 */
export function holdoutThreshold(holdoutPct: number): number {
  if (!Number.isFinite(holdoutPct) || holdoutPct < 0 || holdoutPct > 50) {
    throw new RangeError(`holdout_pct must be a number from 0 to 50 (percent), not ${String(holdoutPct)}`);
  }
  return Math.round(holdoutPct * 100);
}

/**
 * The same test as a DuckDB boolean expression. `salt` and `threshold` are bound (values or
 * fragments), `customerId` a column reference. `'0x' || hex` casts as hexadecimal.
 */
export function holdoutSql(salt: SqlArg, customerId: Sql, threshold: SqlArg): Sql {
  return sql`(CAST('0x' || substr(sha256(${salt} || ':' || ${customerId}), 1, 8) AS BIGINT) % 10000 < ${threshold})`;
}
