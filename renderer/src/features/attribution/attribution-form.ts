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
};

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
  return {
    kind: 'attribution',
    conversion_type: form.conversion_type,
    lookback_days: form.lookback_days,
    interactions: form.interactions,
    models,
  } as AttributionSpecInput;
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
  };
}
