import { channelName } from '../../../../shared/display-names';
import { NumberField } from '../../ui/NumberField';
import { missingIn, NEW_GEO_TEST, NEW_USER_TEST, type GeoTestForm, type TestForm, type UserTestForm } from './calibration-form';

export interface ExperimentChoice {
  id: string;
  name: string;
  variants: string[];
}

interface Props {
  tests: TestForm[];
  channels: string[];
  experiments: ExperimentChoice[];
  onChange: (tests: TestForm[]) => void;
}

function ChannelSelect({ value, channels, onChange, testId }: { value: string; channels: string[]; onChange: (c: string) => void; testId: string }) {
  return (
    <label className="field">
      Channel tested
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">Pick a channel…</option>
        {channels.map((c) => (
          <option key={c} value={c}>
            {channelName(c)}
          </option>
        ))}
      </select>
    </label>
  );
}

function DateField({ label, value, onChange, testId }: { label: string; value: string; onChange: (v: string) => void; testId: string }) {
  return (
    <label className="field">
      {label}
      <input type="date" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
    </label>
  );
}

function GeoRow({ test, i, channels, set }: { test: GeoTestForm; i: number; channels: string[]; set: (patch: Partial<GeoTestForm>) => void }) {
  const id = `calib-test-${i}`;
  return (
    <>
      <ChannelSelect value={test.channel} channels={channels} onChange={(channel) => set({ channel })} testId={`${id}-channel`} />
      <label className="field">
        Treatment geos (geo_sales ids, comma-separated)
        <input value={test.treatment_geos} onChange={(e) => set({ treatment_geos: e.target.value })} placeholder="US-OR, US-UT" data-testid={`${id}-geos`} />
      </label>
      <DateField label="Pre-period from" value={test.pre_start} onChange={(pre_start) => set({ pre_start })} testId={`${id}-pre-start`} />
      <DateField label="to" value={test.pre_end} onChange={(pre_end) => set({ pre_end })} testId={`${id}-pre-end`} />
      <DateField label="Test period from" value={test.test_start} onChange={(test_start) => set({ test_start })} testId={`${id}-test-start`} />
      <DateField label="to" value={test.test_end} onChange={(test_end) => set({ test_end })} testId={`${id}-test-end`} />
      <label className="field">
        Method
        <select value={test.method} onChange={(e) => set({ method: e.target.value as GeoTestForm['method'] })} data-testid={`${id}-method`}>
          <option value="tbr">Time-based regression</option>
          <option value="synthetic_control">Synthetic control</option>
        </select>
      </label>
      <label className="field" title="geo_sales counts every order of the business; the conversions product only the mesh's customers">
        Read the lift as
        <select value={test.units} onChange={(e) => set({ units: e.target.value as GeoTestForm['units'] })} data-testid={`${id}-units`}>
          <option value="share_of_conversions">share of orders x conversions here</option>
          <option value="orders">orders as measured</option>
        </select>
      </label>
    </>
  );
}

function UserRow({
  test,
  i,
  channels,
  experiments,
  set,
}: {
  test: UserTestForm;
  i: number;
  channels: string[];
  experiments: ExperimentChoice[];
  set: (patch: Partial<UserTestForm>) => void;
}) {
  const id = `calib-test-${i}`;
  const chosen = experiments.find((e) => e.id === test.experiment_id);
  return (
    <>
      <ChannelSelect value={test.channel} channels={channels} onChange={(channel) => set({ channel })} testId={`${id}-channel`} />
      <label className="field">
        Experiment or holdout
        <select
          value={test.experiment_id}
          onChange={(e) => {
            const next = experiments.find((x) => x.id === e.target.value);
            // A holdout's control is its held-out group; otherwise the usual name, or the first variant.
            const control = next?.variants.find((v) => v === 'holdout' || v === 'control') ?? next?.variants[0] ?? '';
            set({ experiment_id: e.target.value, control });
          }}
          data-testid={`${id}-experiment`}
        >
          <option value="">Pick an experiment…</option>
          {experiments.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Control (not exposed)
        <select value={test.control} onChange={(e) => set({ control: e.target.value })} data-testid={`${id}-control`}>
          {(chosen?.variants ?? [test.control]).map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <NumberField
        label="Window (days)"
        value={test.window_days}
        min={1}
        max={3650}
        integer
        unit="days"
        onChange={(v) => v !== undefined && set({ window_days: v })}
        testId={`${id}-window`}
      />
      <label className="field">
        Kind
        <select value={test.source} onChange={(e) => set({ source: e.target.value as UserTestForm['source'] })} data-testid={`${id}-source`}>
          <option value="holdout">Audience holdout</option>
          <option value="experiment">User-level experiment</option>
        </select>
      </label>
    </>
  );
}

/** One row per tested channel: a geo test, or an experiment or holdout read as converted users. */
export function CalibrationTests({ tests, channels, experiments, onChange }: Props) {
  const update = (i: number, patch: Partial<TestForm>) => onChange(tests.map((t, k) => (k === i ? ({ ...t, ...patch } as TestForm) : t)));
  return (
    <div className="calib-tests" data-testid="calib-tests">
      {tests.map((t, i) => {
        const missing = missingIn(t);
        return (
          <fieldset key={i} className="calib-test" data-testid={`calib-test-${i}`}>
            <legend>{t.source === 'geo_experiment' ? 'Geo test' : t.source === 'holdout' ? 'Audience holdout' : 'Experiment'}</legend>
            <div className="row">
              {t.source === 'geo_experiment' ? (
                <GeoRow test={t} i={i} channels={channels} set={(p) => update(i, p)} />
              ) : (
                <UserRow test={t} i={i} channels={channels} experiments={experiments} set={(p) => update(i, p)} />
              )}
              <button type="button" className="btn" onClick={() => onChange(tests.filter((_, k) => k !== i))} data-testid={`calib-test-${i}-remove`}>
                Remove
              </button>
            </div>
            {missing && <div className="field-error">To use this test, {missing}.</div>}
          </fieldset>
        );
      })}
      <div className="row">
        <button type="button" className="btn" onClick={() => onChange([...tests, { ...NEW_GEO_TEST }])} data-testid="calib-add-geo">
          Add a geo test
        </button>
        <button type="button" className="btn" onClick={() => onChange([...tests, { ...NEW_USER_TEST }])} data-testid="calib-add-user">
          Add an experiment or holdout
        </button>
      </div>
    </div>
  );
}
