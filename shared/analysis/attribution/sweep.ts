import type { QueryEngine } from '../../engine';
import { attributionSpecSchema, type AttributionModel, type AttributionSpec } from '../../specs/attribution-spec';
import { ensureJourneys } from './journeys-cache';
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
  const wanted =
    request.model ?? (request.param === 'half_life_days' ? 'time_decay' : request.param === 'lookback_days' ? spec.models[0]?.model : 'position_based');
  return spec.models.find((m) => m.model === wanted) ?? attributionSpecSchema.shape.models.element.parse({ model: wanted ?? 'linear' });
}

function checkValues(request: SweepRequest): void {
  for (const v of request.values) {
    const ok =
      request.param === 'lookback_days'
        ? Number.isInteger(v) && v >= 1 && v <= 365
        : request.param === 'half_life_days'
          ? Number.isFinite(v) && v > 0
          : Number.isFinite(v) && v >= 0 && v <= 1;
    if (!ok) {
      const want =
        request.param === 'lookback_days' ? 'whole days 1..365' : request.param === 'half_life_days' ? 'a number of days > 0' : 'a weight between 0 and 1';
      throw new Error(`sweep value ${v} for ${request.param} is not valid: use ${want}`);
    }
  }
}

/**
 * Sensitivity: one model's credit per channel along one parameter. A lookback sweep builds the
 * journeys once at its longest lookback and derives the shorter ones from it; model parameters
 * re-aggregate a single cache. A weight moved past what the other allows (sum <= 1) pulls the
 * other down to 1 - value.
 */
export async function sweepAttribution(db: QueryEngine, spec: AttributionSpec, request: SweepRequest, opts: RunOptions = {}): Promise<SweepResult> {
  checkValues(request);
  const base = modelFor(spec, request);
  if (request.param === 'lookback_days' && request.values.length > 0) {
    // Built once at the longest lookback, every shorter one is derived from it without a raw join.
    await ensureJourneys(db, {
      conversionType: spec.conversion_type,
      lookbackDays: Math.max(...request.values),
      interactions: spec.interactions,
      ...(opts.dataVersion !== undefined ? { dataVersion: opts.dataVersion } : {}),
    });
  }
  const byChannel = new Map<string, { conversions: number[]; revenue: number[] }>();
  for (const [i, value] of request.values.entries()) {
    let model: AttributionModel = base;
    let lookback = spec.lookback_days;
    if (request.param === 'lookback_days') lookback = value;
    else if (request.param === 'half_life_days' && base.model === 'time_decay') model = { ...base, half_life_days: value };
    else if (request.param === 'first_weight' && base.model === 'position_based')
      model = { ...base, first_weight: value, last_weight: Math.min(base.last_weight, 1 - value) };
    else if (request.param === 'last_weight' && base.model === 'position_based')
      model = { ...base, last_weight: value, first_weight: Math.min(base.first_weight, 1 - value) };
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
