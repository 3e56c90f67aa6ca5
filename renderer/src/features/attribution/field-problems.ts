import type { FieldProblem } from './AttributionControls';

/**
 * A refused run's problem at the field it concerns, in plain words (the engine's message names
 * spec fields such as `date_range.to`, which mean nothing to a marketer); null when it concerns
 * no field of the form, and the page shows it as a whole.
 */
export function problemFromRunError(error: { message: string; path?: string | undefined } | null): FieldProblem | null {
  const path = error?.path;
  if (!path) return null;
  if (path === 'date_range.from') return { field: 'date_from', message: 'This start date cannot be used: pick a real calendar date.' };
  if (path.startsWith('date_range')) return { field: 'date_to', message: 'Pick an end date on or after the start date.' };
  if (path === 'lookback_days') return { field: 'lookback_days', message: 'The lookback window must be 1 to 365 days.' };
  if (path === 'conversion_type') return { field: 'conversion_type', message: 'Pick a conversion type from the list.' };
  if (path === 'campaign_channel') {
    return { field: 'campaign_channel', message: 'Campaigns cannot be shown: this Touchpoints extract has no campaign column.' };
  }
  return null;
}
