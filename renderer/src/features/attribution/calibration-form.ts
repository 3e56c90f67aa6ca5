import type { AttributionSpecInput } from '../../../../shared/specs/attribution-spec';
import type { CalibrationSpecInput, GeoUnits } from '../../../../shared/specs/calibration-spec';

/**
 * The calibration panel's form: one row per tested channel. `toCalibrationSpec` turns it, with
 * the page's attribution spec, into exactly the `calibrated_attribution` spec the engine and
 * the CLI run; a row that is not filled in yet gives no spec (the panel says what is missing).
 */
export interface GeoTestForm {
  source: 'geo_experiment';
  channel: string;
  treatment_geos: string;
  pre_start: string;
  pre_end: string;
  test_start: string;
  test_end: string;
  method: 'tbr' | 'synthetic_control';
  units: GeoUnits;
}

export interface UserTestForm {
  source: 'experiment' | 'holdout';
  channel: string;
  experiment_id: string;
  control: string;
  window_days: number;
}

export type TestForm = GeoTestForm | UserTestForm;

export interface CalibrationForm {
  tests: TestForm[];
  stale_after_days: number;
}

export const DEFAULT_CALIBRATION: CalibrationForm = { tests: [], stale_after_days: 90 };

export const NEW_GEO_TEST: GeoTestForm = {
  source: 'geo_experiment',
  channel: '',
  treatment_geos: '',
  pre_start: '',
  pre_end: '',
  test_start: '',
  test_end: '',
  method: 'tbr',
  units: 'share_of_conversions',
};
export const NEW_USER_TEST: UserTestForm = { source: 'holdout', channel: '', experiment_id: '', control: '', window_days: 28 };

/** The proportion metric a user-level test is read on: converted users of the attribution's conversion type. */
export const CONVERTED_METRIC = 'converted';

export function geoList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((g) => g.trim())
    .filter((g) => g !== '');
}

/** What a row still lacks, in words; null when it is complete. */
export function missingIn(test: TestForm): string | null {
  if (test.channel === '') return 'pick the channel the test measured';
  if (test.source === 'geo_experiment') {
    if (geoList(test.treatment_geos).length === 0) return 'list the treatment geos';
    if (!test.pre_start || !test.pre_end || !test.test_start || !test.test_end) return 'give the pre and test periods';
    return null;
  }
  if (test.experiment_id === '' || test.control === '') return 'pick the experiment and its control';
  return null;
}

function testSpec(test: TestForm, conversionType: string): NonNullable<CalibrationSpecInput['tests']>[number] {
  if (test.source === 'geo_experiment') {
    return {
      channel: test.channel,
      source: 'geo_experiment',
      units: test.units,
      spec: {
        kind: 'geo_experiment',
        metric: 'orders',
        method: test.method,
        treatment_geos: geoList(test.treatment_geos),
        control_geos: null,
        pre_period: [test.pre_start, test.pre_end],
        test_period: [test.test_start, test.test_end],
        alpha: 0.1,
      },
    };
  }
  return {
    channel: test.channel,
    source: test.source,
    metric: CONVERTED_METRIC,
    spec: {
      kind: 'experiment',
      experiment_id: test.experiment_id,
      control: test.control,
      window_days: test.window_days,
      metrics: [{ name: CONVERTED_METRIC, type: 'proportion', conversion_type: conversionType }],
    },
  };
}

export function toCalibrationSpec(attribution: AttributionSpecInput, form: CalibrationForm): CalibrationSpecInput | null {
  if (form.tests.some((t) => missingIn(t) !== null)) return null;
  return {
    kind: 'calibrated_attribution',
    attribution,
    tests: form.tests.map((t) => testSpec(t, attribution.conversion_type)),
    stale_after_days: form.stale_after_days,
  };
}

type Loose = Record<string, unknown>;
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const pair = (v: unknown): [string, string] => (Array.isArray(v) ? [str(v[0]), str(v[1])] : ['', '']);

/** A saved spec back into the form (the page's attribution form is restored from `spec.attribution`). */
export function fromCalibrationSpec(spec: unknown): CalibrationForm {
  const s = (spec ?? {}) as Loose;
  const tests = (Array.isArray(s.tests) ? (s.tests as Loose[]) : []).map((t): TestForm => {
    const inner = (t.spec ?? {}) as Loose;
    if (t.source === 'geo_experiment') {
      const [pre_start, pre_end] = pair(inner.pre_period);
      const [test_start, test_end] = pair(inner.test_period);
      return {
        source: 'geo_experiment',
        channel: str(t.channel),
        treatment_geos: Array.isArray(inner.treatment_geos) ? (inner.treatment_geos as string[]).join(', ') : '',
        pre_start,
        pre_end,
        test_start,
        test_end,
        method: inner.method === 'synthetic_control' ? 'synthetic_control' : 'tbr',
        units: t.units === 'orders' ? 'orders' : 'share_of_conversions',
      };
    }
    return {
      source: t.source === 'experiment' ? 'experiment' : 'holdout',
      channel: str(t.channel),
      experiment_id: str(inner.experiment_id),
      control: str(inner.control),
      window_days: typeof inner.window_days === 'number' ? inner.window_days : 28,
    };
  });
  return { tests, stale_after_days: typeof s.stale_after_days === 'number' ? s.stale_after_days : 90 };
}
