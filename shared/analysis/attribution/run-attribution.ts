import type { QueryEngine } from '../../engine';
import { modelParams, UNATTRIBUTED, type AttributionModel, type AttributionOutput, type AttributionSpec, type ChannelCredit, type ModelResult } from '../../specs/attribution-spec';
import { heuristicSql, isHeuristic, shapleySql } from './heuristic-models';
import { ensureJourneys, type JourneyCache } from './journeys-cache';
import { markovTransitions, removalEffects } from './markov';

export { conversionPaths } from './conversion-paths';
export { sweepAttribution } from './sweep';

interface Totals {
  conversions: number;
  revenue: number;
  /** Conversions with an empty path and their revenue: `(unattributed)` in every model. */
  emptyConversions: number;
  emptyRevenue: number;
}

async function totals(db: QueryEngine, cache: JourneyCache): Promise<Totals> {
  const [row] = await db.all<{ c: number; r: number | null; ec: number; er: number | null }>(
    `SELECT count(*) AS c, sum(revenue) AS r, count(*) FILTER (WHERE n = 0) AS ec, sum(revenue) FILTER (WHERE n = 0) AS er FROM ${cache.conv}`,
  );
  return { conversions: row?.c ?? 0, revenue: row?.r ?? 0, emptyConversions: row?.ec ?? 0, emptyRevenue: row?.er ?? 0 };
}

async function channelNames(db: QueryEngine, cache: JourneyCache): Promise<Map<string, string>> {
  const rows = await db.all<{ ch: number; channel: string }>(`SELECT ch, channel FROM ${cache.chan} ORDER BY ch`);
  return new Map(rows.map((r) => [String(r.ch), r.channel]));
}

async function markovCredit(db: QueryEngine, cache: JourneyCache, spec: AttributionSpec, order: number, totals: Totals): Promise<Map<string, { conversions: number; revenue: number }>> {
  const transitions = await markovTransitions(db, cache, spec.conversion_type, spec.interactions, order);
  const effects = removalEffects(transitions);
  const sum = [...effects.values()].reduce((a, b) => a + b, 0);
  const attributedConversions = totals.conversions - totals.emptyConversions;
  const attributedRevenue = totals.revenue - totals.emptyRevenue;
  const credit = new Map<string, { conversions: number; revenue: number }>();
  if (!(sum > 0)) {
    // No removal changes anything (no converting journeys): nothing to split over channels.
    if (attributedConversions > 0) credit.set(UNATTRIBUTED, { conversions: attributedConversions, revenue: attributedRevenue });
    return credit;
  }
  for (const [code, effect] of effects) {
    if (code.startsWith('x:')) continue;
    credit.set(code, { conversions: (attributedConversions * effect) / sum, revenue: (attributedRevenue * effect) / sum });
  }
  return credit;
}

async function modelCredit(db: QueryEngine, cache: JourneyCache, spec: AttributionSpec, model: AttributionModel, t: Totals): Promise<Map<string, { conversions: number; revenue: number }>> {
  if (model.model === 'markov') return markovCredit(db, cache, spec, model.order, t);
  const { sql, params } = isHeuristic(model) ? heuristicSql(cache, model) : shapleySql(cache);
  const rows = await db.all<{ ch: number; conversions: number; revenue: number | null }>(sql, params);
  return new Map(rows.map((r) => [String(r.ch), { conversions: r.conversions, revenue: r.revenue ?? 0 }]));
}

/**
 * SPEC section 3. Every model lists the same channels (every channel on any conversion's path,
 * by name, with 0 where a model gives it nothing) and `(unattributed)` last when some
 * conversions had an empty path, so results line up across models.
 */
export async function runAttribution(db: QueryEngine, spec: AttributionSpec): Promise<AttributionOutput> {
  const cache = await ensureJourneys(db, { conversionType: spec.conversion_type, lookbackDays: spec.lookback_days, interactions: spec.interactions });
  const t = await totals(db, cache);
  const names = await channelNames(db, cache);
  const ordered = [...names.entries()].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const models: ModelResult[] = [];
  for (const model of spec.models) {
    const credit = await modelCredit(db, cache, spec, model, t);
    const channels: ChannelCredit[] = ordered.map(([code, channel]) => ({
      channel,
      conversions: credit.get(code)?.conversions ?? 0,
      revenue: credit.get(code)?.revenue ?? 0,
    }));
    const extraUnattributed = credit.get(UNATTRIBUTED);
    if (t.emptyConversions > 0 || extraUnattributed) {
      channels.push({
        channel: UNATTRIBUTED,
        conversions: t.emptyConversions + (extraUnattributed?.conversions ?? 0),
        revenue: t.emptyRevenue + (extraUnattributed?.revenue ?? 0),
      });
    }
    models.push({ model: model.model, params: modelParams(model), channels });
  }
  return { kind: 'attribution', conversion_type: spec.conversion_type, conversions: t.conversions, revenue: t.revenue, models };
}
