import { DEFAULT_BOUNDS, parseBudgetSpec, type BudgetSpec } from '../../../../shared/specs/budget-spec';

/** The planner's inputs; `bounds` holds only channels whose bounds differ from the default [0, 3]. */
export interface PlannerForm {
  metric: BudgetSpec['metric'];
  /** total spend over `weeks` */
  budget: number;
  weeks: number;
  bounds: Record<string, [number, number]>;
}

export const DEFAULT_FORM: PlannerForm = { metric: 'revenue', budget: 40_000, weeks: 4, bounds: {} };

export function boundsOf(form: PlannerForm, channel: string): [number, number] {
  return form.bounds[channel] ?? [DEFAULT_BOUNDS[0], DEFAULT_BOUNDS[1]];
}

/** Sets one channel's bounds, dropping the entry when it is back at the default. */
export function withBounds(form: PlannerForm, channel: string, bounds: [number, number]): PlannerForm {
  const next = { ...form.bounds };
  if (bounds[0] === DEFAULT_BOUNDS[0] && bounds[1] === DEFAULT_BOUNDS[1]) delete next[channel];
  else next[channel] = bounds;
  return { ...form, bounds: next };
}

/** The SPEC section 10 spec the CLI reruns: every channel, bounds only where changed. */
export function toSpec(form: PlannerForm): BudgetSpec {
  const names = Object.keys(form.bounds).sort();
  return {
    kind: 'budget',
    metric: form.metric,
    budget: form.budget,
    weeks: form.weeks,
    channels: null,
    bounds: names.length > 0 ? Object.fromEntries(names.map((n) => [n, form.bounds[n] as [number, number]])) : null,
  };
}

/** A saved spec back into the form; anything unreadable falls back to the defaults. */
export function fromSpec(spec: unknown): PlannerForm {
  try {
    const s = parseBudgetSpec(spec);
    return { metric: s.metric, budget: s.budget, weeks: s.weeks, bounds: { ...(s.bounds ?? {}) } as Record<string, [number, number]> };
  } catch {
    return DEFAULT_FORM;
  }
}

/** A round default budget near the recent spend: `weeklySpend` x weeks, to two significant digits. */
export function suggestedBudget(weeklySpend: number, weeks: number): number {
  const total = weeklySpend * weeks;
  if (!(total > 0)) return DEFAULT_FORM.budget;
  const step = 10 ** Math.max(0, Math.floor(Math.log10(total)) - 1);
  return Math.max(step, Math.round(total / step) * step);
}
