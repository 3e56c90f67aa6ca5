import { z } from 'zod';
import { SPEC_LIMITS } from './spec-limits';

/**
 * SPEC section 3. Defaults: lookback_days 30 (1..365), interactions all four, first_weight and
 * last_weight 0.4, half_life_days 7, markov order 1. Objects are strict: a typo such as
 * `half_life` is refused rather than silently running with the default. Models may repeat
 * (two time_decay models with different half-lives are compared side by side, in order).
 */
export const INTERACTIONS = ['impression', 'click', 'visit', 'open'] as const;

const weight = (name: string) =>
  z
    .number({ error: `${name} must be a number between 0 and 1` })
    .min(0, `${name} must be between 0 and 1`)
    .max(1, `${name} must be between 0 and 1`);

const lastTouch = z.strictObject({ model: z.literal('last_touch') });
const firstTouch = z.strictObject({ model: z.literal('first_touch') });
const linear = z.strictObject({ model: z.literal('linear') });
const lastNonDirect = z.strictObject({ model: z.literal('last_non_direct') });
const shapley = z.strictObject({ model: z.literal('shapley') });
const positionBased = z
  .strictObject({
    model: z.literal('position_based'),
    first_weight: weight('first_weight').default(0.4),
    last_weight: weight('last_weight').default(0.4),
  })
  .refine((m) => m.first_weight + m.last_weight <= 1 + 1e-12, {
    message: 'first_weight + last_weight must be at most 1 (the middle touches share the rest)',
    path: ['last_weight'],
  });
const timeDecay = z.strictObject({
  model: z.literal('time_decay'),
  half_life_days: z
    .number({ error: 'half_life_days must be a number of days' })
    .gt(0, 'half_life_days must be > 0')
    .max(SPEC_LIMITS.maxDays, `half_life_days must be at most ${SPEC_LIMITS.maxDays} (100 years)`)
    .default(7),
});
const markov = z.strictObject({
  model: z.literal('markov'),
  order: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'order must be 1, 2 or 3' }).default(1),
});

export const attributionModelSchema = z.discriminatedUnion('model', [lastTouch, firstTouch, linear, positionBased, timeDecay, lastNonDirect, markov, shapley], {
  error: 'model must be one of last_touch, first_touch, linear, position_based, time_decay, last_non_direct, markov, shapley',
});

/** A calendar day, UTC, within the years SQL dates handle everywhere. */
const day = (name: string) =>
  z
    .string({ error: `${name} must be a date like 2026-06-30` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${name} must be a date like 2026-06-30`)
    .refine((d) => {
      const t = Date.parse(`${d}T00:00:00Z`);
      return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d && d >= '1970-01-01' && d <= '2999-12-31';
    }, `${name} must be a real date between 1970-01-01 and 2999-12-31`);

/**
 * The reporting period (our extension): only conversions whose `occurred_at` falls on a day from
 * `from` to `to` (both included, UTC) are credited. Paths still reach `lookback_days` before each
 * conversion, so the lookback and the period are independent.
 */
const dateRange = z
  .strictObject({ from: day('date_range.from'), to: day('date_range.to') })
  .refine((r) => r.from <= r.to, { message: 'date_range.to must be on or after date_range.from', path: ['to'] });

export const attributionSpecSchema = z.strictObject({
  kind: z.literal('attribution'),
  conversion_type: z
    .string({ error: 'conversion_type is required, e.g. "purchase"' })
    .min(1, 'conversion_type must not be empty')
    .max(SPEC_LIMITS.maxStringLength, `conversion_type must be at most ${SPEC_LIMITS.maxStringLength} characters`),
  lookback_days: z
    .number({ error: 'lookback_days must be a whole number of days' })
    .int('lookback_days must be a whole number of days')
    .min(1, 'lookback_days must be 1..365')
    .max(365, 'lookback_days must be 1..365')
    .default(30),
  interactions: z
    .array(z.enum(INTERACTIONS, { error: `interactions may contain only ${INTERACTIONS.join(', ')}` }))
    .min(1, 'interactions must name at least one interaction (or be left out for all)')
    .max(SPEC_LIMITS.maxListValues, `interactions must have at most ${SPEC_LIMITS.maxListValues} items`)
    .default([...INTERACTIONS]),
  models: z
    .array(attributionModelSchema)
    .min(1, 'models must name at least one model')
    .max(SPEC_LIMITS.maxModels, `models must name at most ${SPEC_LIMITS.maxModels} models`),
  // Our extensions below are optional; a spec without them runs exactly as SPEC section 3 says.
  date_range: dateRange.optional(),
  campaign_channel: z
    .string({ error: 'campaign_channel must be the name of a channel, e.g. "email"' })
    .min(1, 'campaign_channel must not be empty')
    .max(SPEC_LIMITS.maxStringLength, `campaign_channel must be at most ${SPEC_LIMITS.maxStringLength} characters`)
    .optional(),
  cost: z.boolean({ error: 'cost must be true or false' }).optional(),
});

export type AttributionSpecInput = z.input<typeof attributionSpecSchema>;
export type AttributionSpec = z.output<typeof attributionSpecSchema>;
export type AttributionModel = AttributionSpec['models'][number];
export type ModelName = AttributionModel['model'];

export interface ChannelCredit {
  channel: string;
  conversions: number;
  revenue: number;
}

export interface ModelResult {
  model: ModelName;
  params: Record<string, number>;
  channels: ChannelCredit[];
}

export interface AttributionOutput {
  kind: 'attribution';
  conversion_type: string;
  conversions: number;
  revenue: number;
  models: ModelResult[];
  /** With `campaign_channel`: the campaigns that stand in for that channel, by their output name. */
  campaigns?: CampaignRow[];
  /** With `cost: true`: Campaign Performance 360 spend per output channel over the reporting period. */
  cost?: CostSummary;
}

export interface CampaignRow {
  /** The name the campaign's credit has in `channels` (the campaign id, or `(no campaign)`). */
  channel: string;
  campaign_id: string | null;
  /** The campaign's name in Campaign Performance 360, or null when it is not there. */
  name: string | null;
}

export type CostSummary =
  | { available: false; reason: 'not_pulled' | 'no_conversions' }
  | {
      available: true;
      /** The days whose spend is summed: the spec's date_range, else the first to the last conversion day. */
      from: string;
      to: string;
      /** Spend per output channel (campaigns in a drill); channels without spend are left out. */
      channels: { channel: string; spend: number }[];
    };

export const NO_CAMPAIGN = '(no campaign)';

export const UNATTRIBUTED = '(unattributed)';

/** The model's effective parameters, as the output reports them. */
export function modelParams(model: AttributionModel): Record<string, number> {
  switch (model.model) {
    case 'position_based':
      return { first_weight: model.first_weight, last_weight: model.last_weight };
    case 'time_decay':
      return { half_life_days: model.half_life_days };
    case 'markov':
      return { order: model.order };
    default:
      return {};
  }
}
