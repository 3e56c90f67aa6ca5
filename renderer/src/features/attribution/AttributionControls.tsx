import { NumberField } from '../../ui/NumberField';
import { INTERACTIONS } from '../../../../shared/specs/attribution-spec';
import { MAX_LOOKBACK_DAYS, type AttributionForm } from './attribution-form';
import { MARKOV_LOOKBACK_NOTE, MODEL_INFO, MODEL_ORDER } from './model-info';

/** A problem to show at one field, in plain words. */
export interface FieldProblem {
  field: 'date_from' | 'date_to' | 'lookback_days' | 'conversion_type' | 'campaign_channel';
  message: string;
}

function DateField({
  label,
  value,
  onChange,
  problem,
  testId,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  problem: string | undefined;
  testId: string;
}) {
  return (
    <label className="field">
      {label}
      <input type="date" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={problem !== undefined} data-testid={testId} />
      {problem && (
        <span className="field-error" role="alert" data-testid={`${testId}-error`}>
          {problem}
        </span>
      )}
    </label>
  );
}

/** Every model in a few plain sentences, opened from beside the model picker. */
function ModelHelp() {
  return (
    <details className="model-help" data-testid="attr-model-help">
      <summary>How the models work</summary>
      <dl>
        {MODEL_ORDER.map((m) => (
          <div key={m}>
            <dt>{MODEL_INFO[m]!.label}</dt>
            <dd>{MODEL_INFO[m]!.details}</dd>
          </div>
        ))}
      </dl>
      <p className="note" data-testid="attr-markov-note">
        {MARKOV_LOOKBACK_NOTE}
      </p>
    </details>
  );
}

function Slider({
  label,
  value,
  min,
  max,
  step,
  onChange,
  testId,
  format = (v: number) => String(v),
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (v: number) => void;
  testId: string;
  format?: (v: number) => string;
}) {
  return (
    <label className="slider">
      <span>
        {label}: <strong data-testid={`${testId}-value`}>{format(value)}</strong>
      </span>
      <input
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
        data-testid={testId}
        aria-label={label}
      />
    </label>
  );
}

/** Conversion type, lookback, interactions and models with their parameters. */
export function AttributionControls({
  form,
  types,
  onChange,
  problems,
}: {
  form: AttributionForm;
  types: { type: string; count: number }[];
  onChange: (patch: Partial<AttributionForm>) => void;
  /** Problems with the form or from the last run, each shown at its field. */
  problems: FieldProblem[];
}) {
  const problemAt = (field: FieldProblem['field']) => problems.find((p) => p.field === field)?.message;
  const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list, item] : list.filter((x) => x !== item));
  return (
    <div className="card builder-controls" data-testid="attribution-controls">
      <label className="field">
        Conversion
        <select
          value={form.conversion_type}
          onChange={(e) => onChange({ conversion_type: e.target.value, campaign_channel: null })}
          data-testid="attr-conversion-type"
        >
          {types.length === 0 && <option value={form.conversion_type}>{form.conversion_type}</option>}
          {types.map((t) => (
            <option key={t.type} value={t.type}>
              {t.type} ({t.count.toLocaleString('en-US')})
            </option>
          ))}
        </select>
        {problemAt('conversion_type') && (
          <span className="field-error" role="alert">
            {problemAt('conversion_type')}
          </span>
        )}
      </label>
      <Slider
        label="Lookback window"
        value={form.lookback_days}
        min={1}
        max={MAX_LOOKBACK_DAYS}
        step={1}
        onChange={(v) => onChange({ lookback_days: v })}
        testId="attr-lookback"
        format={(v) => `${v} days`}
      />
      <NumberField
        ariaLabel="Lookback window in days"
        className="attr-lookback-days"
        value={form.lookback_days}
        min={1}
        max={MAX_LOOKBACK_DAYS}
        integer
        unit="days"
        onChange={(v) => v !== undefined && onChange({ lookback_days: v })}
        testId="attr-lookback-days"
      />
      {problemAt('lookback_days') && (
        <span className="field-error" role="alert">
          {problemAt('lookback_days')}
        </span>
      )}
      <fieldset className="checks">
        <legend>Reporting period (conversion dates)</legend>
        <div className="attr-dates">
          <DateField
            label="From"
            value={form.date_from}
            onChange={(v) => onChange({ date_from: v })}
            problem={problemAt('date_from')}
            testId="attr-date-from"
          />
          <DateField label="To" value={form.date_to} onChange={(v) => onChange({ date_to: v })} problem={problemAt('date_to')} testId="attr-date-to" />
        </div>
        <span className="muted small">
          {form.date_from === '' && form.date_to === ''
            ? 'Every conversion counts. Pick dates to credit only the conversions in that period.'
            : 'Only conversions on these days are credited; their paths still reach back the lookback window.'}
        </span>
        {(form.date_from !== '' || form.date_to !== '') && (
          <button type="button" className="btn btn-small" onClick={() => onChange({ date_from: '', date_to: '' })} data-testid="attr-date-clear">
            All dates
          </button>
        )}
      </fieldset>
      <fieldset className="checks">
        <legend>Interactions that count</legend>
        {INTERACTIONS.map((i) => (
          <label key={i} className="field-inline">
            <input
              type="checkbox"
              checked={form.interactions.includes(i)}
              onChange={(e) => onChange({ interactions: toggle(form.interactions, i, e.target.checked) })}
              data-testid={`attr-interaction-${i}`}
            />
            {i}
          </label>
        ))}
      </fieldset>
      <fieldset className="checks models">
        <legend>Models to compare</legend>
        <ModelHelp />
        {MODEL_ORDER.map((m) => (
          <div key={m} className="model-choice">
            <label className="field-inline" title={MODEL_INFO[m]!.explain}>
              <input
                type="checkbox"
                checked={form.models.includes(m)}
                onChange={(e) => onChange({ models: toggle(form.models, m, e.target.checked) })}
                data-testid={`attr-model-${m}`}
              />
              {MODEL_INFO[m]!.label}
            </label>
            <div className="muted model-explain">{MODEL_INFO[m]!.explain}</div>
            {m === 'position_based' && form.models.includes(m) && (
              <>
                <Slider
                  label="First touch share"
                  value={form.first_weight}
                  min={0}
                  max={1 - form.last_weight}
                  step={0.05}
                  onChange={(v) => onChange({ first_weight: Math.round(v * 100) / 100 })}
                  testId="attr-first-weight"
                  format={(v) => `${Math.round(v * 100)}%`}
                />
                <Slider
                  label="Last touch share"
                  value={form.last_weight}
                  min={0}
                  max={1 - form.first_weight}
                  step={0.05}
                  onChange={(v) => onChange({ last_weight: Math.round(v * 100) / 100 })}
                  testId="attr-last-weight"
                  format={(v) => `${Math.round(v * 100)}%`}
                />
              </>
            )}
            {m === 'time_decay' && form.models.includes(m) && (
              <Slider
                label="Half-life"
                value={form.half_life_days}
                min={0.5}
                max={60}
                step={0.5}
                onChange={(v) => onChange({ half_life_days: v })}
                testId="attr-half-life"
                format={(v) => `${v} days`}
              />
            )}
            {m === 'markov' && form.models.includes(m) && (
              <Slider
                label="Markov order"
                value={form.markov_order}
                min={1}
                max={3}
                step={1}
                onChange={(v) => onChange({ markov_order: v as 1 | 2 | 3 })}
                testId="attr-markov-order"
              />
            )}
          </div>
        ))}
      </fieldset>
    </div>
  );
}
