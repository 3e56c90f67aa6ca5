import type { QueryEngine } from '../../engine';
import {
  modelParams,
  UNATTRIBUTED,
  type AttributionModel,
  type AttributionOutput,
  type AttributionSpec,
  type ChannelCredit,
  type ModelResult,
} from '../../specs/attribution-spec';
import { hasExtensions, runWithExtensions } from './attribution-extensions';
import { heuristicSql, isHeuristic, shapleySql } from './heuristic-models';
import { ident, queryRows, sql } from '../sql';
import { channelNames, ensureJourneys, type JourneyCache } from './journeys-cache';
import { markovTransitions, removalEffects } from './markov';

export interface RunOptions {
  /** Changes whenever the data behind `touchpoints`/`conversions` changes; part of the cache key. */
  dataVersion?: string;
}

interface Totals {
  conversions: number;
  revenue: number;
  /** Conversions with an empty path and their revenue: `(unattributed)` in every model. */
  emptyConversions: number;
  emptyRevenue: number;
}

type Credit = Map<string, { conversions: number; revenue: number }>;

async function totals(db: QueryEngine, cache: JourneyCache): Promise<Totals> {
  const [row] = await queryRows<{ c: number; r: number | null; ec: number; er: number | null }>(
    db,
    sql`SELECT count(*) AS c, sum(revenue) AS r, count(*) FILTER (WHERE n = 0) AS ec, sum(revenue) FILTER (WHERE n = 0) AS er FROM ${ident(cache.conv)}`,
  );
  return { conversions: row?.c ?? 0, revenue: row?.r ?? 0, emptyConversions: row?.ec ?? 0, emptyRevenue: row?.er ?? 0 };
}

async function markovCredit(db: QueryEngine, cache: JourneyCache, order: number, t: Totals): Promise<Credit> {
  const effects = removalEffects(await markovTransitions(db, cache, order));
  const sum = [...effects.values()].reduce((a, b) => a + b, 0);
  const attributedConversions = t.conversions - t.emptyConversions;
  const attributedRevenue = t.revenue - t.emptyRevenue;
  const credit: Credit = new Map();
  // sum > 0 whenever a non-empty converting path exists (removing any of its channels lowers
  // P(conversion)); otherwise there are no attributed conversions to split.
  if (!(sum > 0)) return credit;
  for (const [code, effect] of effects) {
    credit.set(code, { conversions: (attributedConversions * effect) / sum, revenue: (attributedRevenue * effect) / sum });
  }
  return credit;
}

async function modelCredit(db: QueryEngine, cache: JourneyCache, model: AttributionModel, t: Totals): Promise<Credit> {
  if (model.model === 'markov') return markovCredit(db, cache, model.order, t);
  const rows = await queryRows<{ ch: number; conversions: number; revenue: number | null }>(
    db,
    isHeuristic(model) ? heuristicSql(cache, model) : shapleySql(cache),
  );
  return new Map(rows.map((r) => [String(r.ch), { conversions: r.conversions, revenue: r.revenue ?? 0 }]));
}

/**
 * SPEC section 3. Every model lists the same channels, sorted by name: every channel on any
 * conversion's path plus any channel a model of this run credits (Markov can credit a channel
 * seen only on non-converting journeys), with 0 where a model gives it nothing; then
 * `(unattributed)` last when some conversions had an empty path. So results line up across models.
 */
export async function runAttribution(db: QueryEngine, spec: AttributionSpec, opts: RunOptions = {}): Promise<AttributionOutput> {
  // Our optional fields (reporting period, campaign drill, cost) wrap this same run.
  if (hasExtensions(spec)) return runWithExtensions(db, spec, opts, runAttribution);
  const cache = await ensureJourneys(db, {
    conversionType: spec.conversion_type,
    lookbackDays: spec.lookback_days,
    interactions: spec.interactions,
    ...(opts.dataVersion !== undefined ? { dataVersion: opts.dataVersion } : {}),
  });
  const t = await totals(db, cache);
  const names = await channelNames(db, cache);
  const listed = new Set((await queryRows<{ ch: number }>(db, sql`SELECT DISTINCT ch FROM ${ident(cache.touch)}`)).map((r) => String(r.ch)));
  const credits: Credit[] = [];
  for (const model of spec.models) {
    const credit = await modelCredit(db, cache, model, t);
    for (const [code, c] of credit) if (c.conversions !== 0 || c.revenue !== 0) listed.add(code);
    credits.push(credit);
  }
  const ordered = [...listed].map((code) => [code, names.get(code) ?? code] as const).sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const models: ModelResult[] = spec.models.map((model, i) => {
    const credit = credits[i]!;
    const channels: ChannelCredit[] = ordered.map(([code, channel]) => ({
      channel,
      conversions: credit.get(code)?.conversions ?? 0,
      revenue: credit.get(code)?.revenue ?? 0,
    }));
    if (t.emptyConversions > 0) channels.push({ channel: UNATTRIBUTED, conversions: t.emptyConversions, revenue: t.emptyRevenue });
    return { model: model.model, params: modelParams(model), channels };
  });
  return { kind: 'attribution', conversion_type: spec.conversion_type, conversions: t.conversions, revenue: t.revenue, models };
}
