import { channelName } from '../../../../shared/display-names';
import { NO_CAMPAIGN, UNATTRIBUTED, type AttributionOutput } from '../../../../shared/specs/attribution-spec';

/** One row of the comparison: an output channel (a campaign in the drill) with the name people read. */
export interface CreditRow {
  /** The name in the output's `channels`. */
  key: string;
  label: string;
  /** Whether clicking it drills into its campaigns (a real channel, not a catch-all). */
  drillable: boolean;
}

const CATCH_ALL = new Set([UNATTRIBUTED, '(unknown)']);

/**
 * The rows the comparison shows. All channels, or in the campaign drill only the drilled channel's
 * campaigns (the other channels' credit is unchanged and stays on the overview), each by its name
 * in Campaign Performance 360, else its id.
 */
export function creditRows(result: AttributionOutput): CreditRow[] {
  const keys = result.models[0]?.channels.map((c) => c.channel) ?? [];
  if (result.campaigns) {
    const listed = new Set(keys);
    return result.campaigns
      .filter((c) => listed.has(c.channel))
      .map((c) => ({ key: c.channel, label: c.channel === NO_CAMPAIGN ? 'No campaign' : (c.name ?? c.channel), drillable: false }));
  }
  return keys.map((key) => ({
    key,
    label: CATCH_ALL.has(key) ? (key === UNATTRIBUTED ? 'No touch in the lookback' : 'Unknown channel') : channelName(key),
    drillable: !CATCH_ALL.has(key),
  }));
}

export interface CostCell {
  spend: number | null;
  /** spend / credited conversions; null without spend or without credit. */
  cpa: number | null;
  /** credited revenue / spend; null without spend. */
  roas: number | null;
}

/** Spend, CPA and ROAS of one row under one model (cost must be available). */
export function costCell(result: AttributionOutput, modelIndex: number, key: string): CostCell {
  const cost = result.cost;
  const spend = cost?.available ? (cost.channels.find((c) => c.channel === key)?.spend ?? null) : null;
  const credit = result.models[modelIndex]?.channels.find((c) => c.channel === key);
  if (spend === null || spend <= 0 || !credit) return { spend, cpa: null, roas: null };
  return { spend, cpa: credit.conversions > 0 ? spend / credit.conversions : null, roas: credit.revenue / spend };
}
