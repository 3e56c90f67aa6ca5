import { DuckDbEngine } from '../../engine/duckdb-engine';

export interface Touch {
  id: string;
  customer: string;
  at: string;
  channel: string | null;
  interaction?: string;
}

export interface Conversion {
  id: string;
  customer: string;
  at: string;
  type?: string;
  revenue?: number | null;
}

/** An in-memory DuckDB holding exactly these touchpoints and conversions (test helper). */
export async function attributionDb(touches: Touch[], conversions: Conversion[]): Promise<DuckDbEngine> {
  const db = await DuckDbEngine.open(':memory:');
  await db.run(
    `CREATE TABLE touchpoints (touchpoint_id VARCHAR, customer_id VARCHAR, occurred_at TIMESTAMP, channel VARCHAR, campaign_id VARCHAR, interaction VARCHAR)`,
  );
  await db.run(`CREATE TABLE conversions (conversion_id VARCHAR, customer_id VARCHAR, occurred_at TIMESTAMP, conversion_type VARCHAR, revenue DOUBLE)`);
  for (const t of touches) {
    await db.run(`INSERT INTO touchpoints VALUES ($1, $2, CAST($3 AS TIMESTAMP), $4, NULL, $5)`, [t.id, t.customer, t.at, t.channel, t.interaction ?? 'click']);
  }
  for (const c of conversions) {
    await db.run(`INSERT INTO conversions VALUES ($1, $2, CAST($3 AS TIMESTAMP), $4, $5)`, [
      c.id,
      c.customer,
      c.at,
      c.type ?? 'purchase',
      c.revenue === undefined ? 0 : c.revenue,
    ]);
  }
  return db;
}
