import type { AttributionSpecInput } from '../../../../shared/specs/attribution-spec';
import { MODEL_ORDER, type ModelKind } from './model-info';

/** The builder's form state; `toSpec` turns it into exactly the SPEC spec the engine and CLI run. */
export interface AttributionForm {
  conversion_type: string;
  lookback_days: number;
  interactions: string[];
  models: ModelKind[];
  first_weight: number;
  last_weight: number;
  half_life_days: number;
  markov_order: 1 | 2 | 3;
  /** The reporting period's first and last day (YYYY-MM-DD); both empty means every conversion. */
  date_from: string;
  date_to: string;
  /** The channel whose campaigns are shown (the drill), or null for all channels. */
  campaign_channel: string | null;
}

export const DEFAULT_FORM: AttributionForm = {
  conversion_type: 'purchase',
  lookback_days: 30,
  interactions: ['impression', 'click', 'visit', 'open'],
  models: ['last_touch', 'first_touch', 'linear', 'position_based', 'time_decay', 'markov'],
  first_weight: 0.4,
  last_weight: 0.4,
  half_life_days: 7,
  markov_order: 1,
  date_from: '',
  date_to: '',
  campaign_channel: null,
};

/** The largest lookback the spec accepts (SPEC section 3): the slider goes this far. */
export const MAX_LOOKBACK_DAYS = 365;

/** Why the reporting period cannot run, in words, at the field it concerns; null when it can. */
export function dateRangeProblem(form: Pick<AttributionForm, 'date_from' | 'date_to'>): { field: 'date_from' | 'date_to'; message: string } | null {
  if (form.date_from === '' && form.date_to === '') return null;
  if (form.date_from === '') return { field: 'date_from', message: 'Pick a start date, or clear both dates to count every conversion.' };
  if (form.date_to === '') return { field: 'date_to', message: 'Pick an end date, or clear both dates to count every conversion.' };
  if (form.date_to < form.date_from) return { field: 'date_to', message: 'The end date must be on or after the start date.' };
  return null;
}

export function toSpec(form: AttributionForm): AttributionSpecInput {
  const models = MODEL_ORDER.filter((m) => form.models.includes(m)).map((model) => {
    switch (model) {
      case 'position_based':
        return { model, first_weight: form.first_weight, last_weight: form.last_weight };
      case 'time_decay':
        return { model, half_life_days: form.half_life_days };
      case 'markov':
        return { model, order: form.markov_order };
      default:
        return { model };
    }
  });
  const range = form.date_from !== '' && form.date_to !== '' ? { date_range: { from: form.date_from, to: form.date_to } } : {};
  return {
    kind: 'attribution',
    conversion_type: form.conversion_type,
    lookback_days: form.lookback_days,
    interactions: form.interactions,
    models,
    ...range,
    ...(form.campaign_channel !== null ? { campaign_channel: form.campaign_channel } : {}),
  } as AttributionSpecInput;
}

/**
 * The spec the page runs: `toSpec` plus spend from Campaign Performance 360 (cost, CPA, ROAS).
 * Saved analyses and Copy spec keep `toSpec`'s spec, which the CLI answers as before.
 */
export function toPageSpec(form: AttributionForm): AttributionSpecInput {
  return { ...toSpec(form), cost: true };
}

/**
 * The SPEC section 3 spec alone (no reporting period, drill or cost), for what runs on the whole
 * data by design: calibration (its own test period), sensitivity sweeps and the paths report.
 */
export function toBaseSpec(form: AttributionForm): AttributionSpecInput {
  const { date_range: _range, campaign_channel: _channel, ...base } = toSpec(form);
  return base;
}

export function fromSpec(spec: unknown): AttributionForm {
  const s = (spec ?? {}) as Omit<Partial<AttributionSpecInput>, 'models'> & { models?: Array<Record<string, unknown>> };
  const find = (name: string) => s.models?.find((m) => m.model === name);
  const pb = find('position_based');
  const td = find('time_decay');
  const mk = find('markov');
  return {
    conversion_type: typeof s.conversion_type === 'string' ? s.conversion_type : DEFAULT_FORM.conversion_type,
    lookback_days: typeof s.lookback_days === 'number' ? s.lookback_days : DEFAULT_FORM.lookback_days,
    interactions: Array.isArray(s.interactions) ? [...s.interactions] : DEFAULT_FORM.interactions,
    models: (s.models ?? []).map((m) => m.model).filter((m): m is ModelKind => MODEL_ORDER.includes(m as ModelKind)),
    first_weight: typeof pb?.first_weight === 'number' ? pb.first_weight : DEFAULT_FORM.first_weight,
    last_weight: typeof pb?.last_weight === 'number' ? pb.last_weight : DEFAULT_FORM.last_weight,
    half_life_days: typeof td?.half_life_days === 'number' ? td.half_life_days : DEFAULT_FORM.half_life_days,
    markov_order: mk?.order === 2 || mk?.order === 3 ? mk.order : 1,
    date_from: typeof s.date_range?.from === 'string' ? s.date_range.from : '',
    date_to: typeof s.date_range?.to === 'string' ? s.date_range.to : '',
    campaign_channel: typeof s.campaign_channel === 'string' ? s.campaign_channel : null,
  };
}
