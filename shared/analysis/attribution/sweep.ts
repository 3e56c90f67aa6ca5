import type { QueryEngine } from '../../engine';
import { attributionSpecSchema, type AttributionModel, type AttributionSpec } from '../../specs/attribution-spec';
import { runAttribution, type RunOptions } from './run-attribution';

export type SweepParam = 'lookback_days' | 'half_life_days' | 'first_weight' | 'last_weight';

export interface SweepRequest {
  param: SweepParam;
  values: readonly number[];
  /** Which model to sweep (default: the first model the parameter applies to, else linear). */
  model?: AttributionModel['model'];
}

export interface SweepResult {
  param: SweepParam;
  model: AttributionModel['model'];
  values: number[];
  /** Per channel, its credited conversions at each value (same order as `values`). */
  series: { channel: string; conversions: number[]; revenue: number[] }[];
}

function modelFor(spec: AttributionSpec, request: SweepRequest): AttributionModel {
  const wanted = request.model ?? (request.param === 'half_life_days' ? 'time_decay' : request.param === 'lookback_days' ? spec.models[0]?.model : 'position_based');
  return spec.models.find((m) => m.model === wanted) ?? attributionSpecSchema.shape.models.element.parse({ model: wanted ?? 'linear' });
}

/**
 * Sensitivity: one model's credit per channel along one parameter. Lookback values build (and
 * keep) one journeys cache each; model parameters re-aggregate a single cache.
 */
export async function sweepAttribution(db: QueryEngine, spec: AttributionSpec, request: SweepRequest, opts: RunOptions = {}): Promise<SweepResult> {
  const base = modelFor(spec, request);
  const byChannel = new Map<string, { conversions: number[]; revenue: number[] }>();
  for (const [i, value] of request.values.entries()) {
    let model: AttributionModel = base;
    let lookback = spec.lookback_days;
    if (request.param === 'lookback_days') lookback = value;
    else if (request.param === 'half_life_days' && base.model === 'time_decay') model = { ...base, half_life_days: value };
    else if (request.param === 'first_weight' && base.model === 'position_based') model = { ...base, first_weight: value, last_weight: Math.min(base.last_weight, 1 - value) };
    else if (request.param === 'last_weight' && base.model === 'position_based') model = { ...base, last_weight: value, first_weight: Math.min(base.first_weight, 1 - value) };
    const result = await runAttribution(db, { ...spec, lookback_days: lookback, models: [model] }, opts);
    for (const row of result.models[0]?.channels ?? []) {
      let entry = byChannel.get(row.channel);
      if (!entry) {
        entry = { conversions: new Array<number>(request.values.length).fill(0), revenue: new Array<number>(request.values.length).fill(0) };
        byChannel.set(row.channel, entry);
      }
      entry.conversions[i] = row.conversions;
      entry.revenue[i] = row.revenue;
    }
  }
  return {
    param: request.param,
    model: base.model,
    values: [...request.values],
    series: [...byChannel.entries()].map(([channel, v]) => ({ channel, ...v })),
  };
}
