import type { QueryEngine } from '../../engine';
import { SpecError } from '../../specs/spec-error';
import { NO_CAMPAIGN, type AttributionOutput, type AttributionSpec, type CampaignRow, type CostSummary } from '../../specs/attribution-spec';
import {
  campaignNames,
  campaignTouchpointsSql,
  channelCampaigns,
  conversionDays,
  conversionsInRangeSql,
  productLoaded,
  spendByChannel,
  touchpointsHaveCampaigns,
  withShadowTable,
} from './attribution-scope-sql';

type Runner = (db: QueryEngine, spec: AttributionSpec, opts: { dataVersion?: string }) => Promise<AttributionOutput>;

/** Whether the spec uses one of our optional fields (without them SPEC section 3 runs untouched). */
export function hasExtensions(spec: AttributionSpec): boolean {
  return spec.date_range !== undefined || spec.campaign_channel !== undefined || spec.cost === true;
}

/**
 * Our extensions around the SPEC run: the reporting period (only conversions on its days are
 * credited; paths still reach back `lookback_days`), the campaign drill (one channel's touches
 * credited per campaign) and Campaign Performance 360 spend per output channel. `run` is the
 * plain runner, handed in so this file does not import it back.
 */
export async function runWithExtensions(db: QueryEngine, spec: AttributionSpec, opts: { dataVersion?: string }, run: Runner): Promise<AttributionOutput> {
  const { date_range: range, campaign_channel: drill, cost, ...plain } = spec;
  if (drill !== undefined && !(await touchpointsHaveCampaigns(db))) {
    throw new SpecError('unknown_column', 'campaign_channel needs the campaign_id column of Touchpoints, which this extract does not have', 'campaign_channel');
  }
  // The scope is part of the journeys cache key: a scoped cache must never serve another scope.
  const scope = [opts.dataVersion ?? '', range ? `range:${range.from}..${range.to}` : '', drill !== undefined ? `campaigns:${drill}` : ''].join('|');
  let work = () => run(db, plain, range || drill !== undefined ? { dataVersion: scope } : opts);
  if (range) {
    const inner = work;
    work = () => withShadowTable(db, 'conversions', conversionsInRangeSql(range), inner);
  }
  if (drill !== undefined) {
    const inner = work;
    work = () => withShadowTable(db, 'touchpoints', campaignTouchpointsSql(drill, NO_CAMPAIGN), inner);
  }
  const out: AttributionOutput = { ...(await work()) };
  const withSpend = await productLoaded(db, 'campaign_performance');
  if (drill !== undefined) out.campaigns = await campaignRows(db, drill, withSpend);
  if (cost === true) out.cost = await costSummary(db, spec, withSpend);
  return out;
}

async function campaignRows(db: QueryEngine, channel: string, withNames: boolean): Promise<CampaignRow[]> {
  const ids = await channelCampaigns(db, channel);
  const known = ids.filter((id): id is string => id !== null);
  const names = withNames ? await campaignNames(db, known) : new Map<string, string>();
  return ids.map((id) =>
    id === null ? { channel: NO_CAMPAIGN, campaign_id: null, name: null } : { channel: id, campaign_id: id, name: names.get(id) ?? null },
  );
}

async function costSummary(db: QueryEngine, spec: AttributionSpec, loaded: boolean): Promise<CostSummary> {
  if (!loaded) return { available: false, reason: 'not_pulled' };
  const days = spec.date_range ?? (await conversionDays(db, spec.conversion_type));
  if (days === null) return { available: false, reason: 'no_conversions' };
  const drill = spec.campaign_channel !== undefined ? { channel: spec.campaign_channel, noCampaign: NO_CAMPAIGN } : undefined;
  return { available: true, from: days.from, to: days.to, channels: await spendByChannel(db, days, drill) };
}
