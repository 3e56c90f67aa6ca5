/** The geo_experiment and geo_plan outputs as the screen reads them (docs/incrementality.md). */
export interface GeoDaily {
  date: string;
  actual: number;
  counterfactual: number;
  counterfactual_lower: number | null;
  counterfactual_upper: number | null;
  effect: number;
  cumulative_effect: number;
  cumulative_lower: number | null;
  cumulative_upper: number | null;
}

export interface GeoResult {
  kind: 'geo_experiment';
  method: 'tbr' | 'synthetic_control';
  metric: string;
  treatment_geos: string[];
  control_geos: string[];
  alpha: number;
  actual: number;
  counterfactual: number;
  effect: number;
  effect_ci: [number, number] | null;
  rel_lift: number | null;
  p_value: number | null;
  weights: Record<string, number> | null;
  incremental_spend: number | null;
  iroas: number | null;
  pre_fit: { r2: number | null; mape: number | null };
  daily: GeoDaily[];
  pre_daily: { date: string; actual: number; counterfactual: number }[];
}

export interface GeoPlanResult {
  kind: 'geo_plan';
  treatment_geos: string[];
  windows: number;
  mde: number | null;
  mde_effect: number | null;
  detection_probability: number;
  false_positive_rate: number;
  pre_days: number;
  power: number;
}

export interface GeoSpec {
  kind: 'geo_experiment';
  metric: 'revenue' | 'orders';
  method: 'tbr' | 'synthetic_control';
  treatment_geos: string[];
  control_geos: null;
  pre_period: [string, string];
  test_period: [string, string];
  alpha: number;
  spend_metric: 'spend' | null;
}
