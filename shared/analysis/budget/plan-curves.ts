import { steadyMarginal, steadyMedia, type ResponseCurve } from './response-curve';

/**
 * The budget output's per-channel `model` turned back into the engine's curve, so a screen can
 * evaluate a hand-made split with exactly the function the planner optimised (response-curve.ts)
 * instead of interpolating the 21 `curve` points.
 */
export interface PlanModel {
  decay: number;
  shape: number;
  half_saturation: number;
  baseline: number;
  beta: number;
}

export function curveOfModel(model: PlanModel): ResponseCurve {
  return { decay: model.decay, shape: model.shape, halfSaturation: model.half_saturation, base: model.baseline, beta: model.beta };
}

/** Expected weekly metric at a constant weekly spend, baseline included (the output's `expected_weekly_*`). */
export function expectedWeekly(model: PlanModel, weeklySpend: number): number {
  const curve = curveOfModel(model);
  return curve.base + steadyMedia(curve, weeklySpend);
}

/** Extra weekly metric per extra unit of weekly spend (the output's `marginal_roi_*`); null where infinite. */
export function marginalWeekly(model: PlanModel, weeklySpend: number): number | null {
  return steadyMarginal(curveOfModel(model), weeklySpend);
}

/** Expected weekly metric above the baseline (the output's `curve` values). */
export function mediaWeekly(model: PlanModel, weeklySpend: number): number {
  return steadyMedia(curveOfModel(model), weeklySpend);
}

/** The total expected weekly metric of a split: one spend per model, in the same order. */
export function splitTotal(models: readonly PlanModel[], spends: readonly number[]): number {
  return models.reduce((acc, m, i) => acc + expectedWeekly(m, spends[i] ?? 0), 0);
}

/**
 * Moves one channel to `value` and spreads the difference over the other channels in
 * proportion to their room inside their [lo, hi] limits, so the split keeps summing to the same
 * weekly total (a slider that moves budget between channels). The moved channel is first
 * clamped to what the others can give or take.
 */
export function moveSpend(spends: readonly number[], limits: readonly { lo: number; hi: number }[], index: number, value: number): number[] {
  const next = [...spends];
  const others = next.map((_, i) => i).filter((i) => i !== index);
  const give = others.reduce((acc, i) => acc + Math.max(0, (next[i] as number) - (limits[i] as { lo: number }).lo), 0);
  const take = others.reduce((acc, i) => acc + Math.max(0, (limits[i] as { hi: number }).hi - (next[i] as number)), 0);
  const own = limits[index] as { lo: number; hi: number };
  const old = next[index] as number;
  const wanted = Math.min(own.hi, Math.max(own.lo, value));
  const target = Math.min(old + give, Math.max(old - take, wanted));
  const delta = target - old;
  next[index] = target;
  if (delta > 0 && give > 0) {
    for (const i of others) next[i] = (next[i] as number) - (delta * Math.max(0, (next[i] as number) - (limits[i] as { lo: number }).lo)) / give;
  } else if (delta < 0 && take > 0) {
    for (const i of others) next[i] = (next[i] as number) + (-delta * Math.max(0, (limits[i] as { hi: number }).hi - (next[i] as number))) / take;
  }
  return next;
}
