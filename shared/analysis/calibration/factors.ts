/**
 * The arithmetic of calibration, apart from any data: the incrementality factor of a channel
 * under one model, its interval, staleness, and a model's credit scaled by the factors.
 */
import { UNATTRIBUTED, type ChannelCredit } from '../../specs/attribution-spec';
import { daysBetween } from '../../specs/geo-experiment-spec';

export interface Factor {
  factor: number | null;
  factor_ci: [number, number] | null;
}

/**
 * factor = incremental / credited: the share of the conversions a model credits to the channel
 * that the test says the channel caused. Its interval divides the incremental interval's bounds
 * by the credit (the credit is a count, not an estimate with its own error). No factor where the
 * model credits nothing (there is nothing to scale) or the test measured no effect.
 */
export function incrementalityFactor(incremental: number | null, incrementalCi: [number, number] | null, credited: number): Factor {
  if (credited === 0 || incremental === null) return { factor: null, factor_ci: null };
  const factor = incremental / credited;
  if (incrementalCi === null) return { factor, factor_ci: null };
  const a = incrementalCi[0] / credited;
  const b = incrementalCi[1] / credited;
  return { factor, factor_ci: [Math.min(a, b), Math.max(a, b)] };
}

export interface Staleness {
  /** whole days from the test's last day to the data's latest day; null without data */
  age_days: number | null;
  stale: boolean;
}

/** A test is stale once the data runs more than `staleAfterDays` past its last day. */
export function staleness(testEnd: string, dataEnd: string | null, staleAfterDays: number): Staleness {
  if (dataEnd === null) return { age_days: null, stale: false };
  const age = daysBetween(testEnd, dataEnd);
  return { age_days: age, stale: age > staleAfterDays };
}

/** Why a channel's adjusted credit is what it is. */
export type AdjustmentStatus = 'adjusted' | 'untested' | 'no_factor';

export interface AdjustedChannel {
  channel: string;
  /** the model's credit over the attribution's own range */
  conversions: number;
  revenue: number;
  /** the factor applied; null when none was (untested, or the test gave none) */
  factor: number | null;
  /** credit x factor; the model's credit where no factor applies */
  adjusted_conversions: number;
  adjusted_revenue: number;
  status: AdjustmentStatus;
}

/** A model's credit with each tested channel's factor applied; every other channel as modelled. */
export function adjustCredit(channels: readonly ChannelCredit[], factors: ReadonlyMap<string, number | null>): AdjustedChannel[] {
  return channels.map((c) => {
    const tested = c.channel !== UNATTRIBUTED && factors.has(c.channel);
    const factor = tested ? (factors.get(c.channel) ?? null) : null;
    const status: AdjustmentStatus = !tested ? 'untested' : factor === null ? 'no_factor' : 'adjusted';
    return {
      channel: c.channel,
      conversions: c.conversions,
      revenue: c.revenue,
      factor,
      adjusted_conversions: factor === null ? c.conversions : c.conversions * factor,
      adjusted_revenue: factor === null ? c.revenue : c.revenue * factor,
      status,
    };
  });
}
