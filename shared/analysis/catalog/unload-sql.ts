import type { QueryEngine } from '../../engine';
import { execute, ident, queryRows, raw, sql } from '../sql';

/**
 * Drops a product's table or view from the workspace, whether or not this session loaded it:
 * the workspace file outlives sessions, so an extract another identity loaded earlier (raw
 * e-mail for a privacy officer) must leave it before a marketer's queries run. True when
 * something was dropped.
 */
export async function unloadProduct(db: QueryEngine, id: string): Promise<boolean> {
  const [existing] = await queryRows<{ type: string }>(
    db,
    sql`SELECT table_type AS type FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ${id}`,
  );
  if (!existing) return false;
  await execute(db, sql`DROP ${raw(existing.type === 'VIEW' ? 'VIEW' : 'TABLE')} ${ident(id)}`);
  return true;
}
