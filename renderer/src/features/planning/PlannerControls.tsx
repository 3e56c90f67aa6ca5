import { channelName } from '../../../../shared/display-names';
import { MAX_BOUND, MAX_BUDGET } from '../../../../shared/specs/budget-spec';
import { NumberField } from '../../ui/NumberField';
import { boundsOf, withBounds, type PlannerForm } from './planning-form';

/** Metric, budget, weeks and each channel's bounds (multiples of its current weekly spend). */
export function PlannerControls({ form, channels, onChange }: { form: PlannerForm; channels: string[]; onChange: (next: PlannerForm) => void }) {
  return (
    <div className="card builder-controls" data-testid="planner-controls">
      <label className="field">
        Maximise
        <select value={form.metric} onChange={(e) => onChange({ ...form, metric: e.target.value as PlannerForm['metric'] })} data-testid="plan-metric">
          <option value="revenue">Revenue</option>
          <option value="conversions">Conversions</option>
        </select>
      </label>
      <NumberField
        label="Budget (total over the weeks)"
        value={form.budget}
        min={1}
        max={MAX_BUDGET}
        onChange={(v) => v !== undefined && onChange({ ...form, budget: v })}
        testId="plan-budget"
      />
      <NumberField
        label="Weeks"
        value={form.weeks}
        min={1}
        max={52}
        integer
        onChange={(v) => v !== undefined && onChange({ ...form, weeks: v })}
        testId="plan-weeks"
      />
      <p className="muted small">
        Weekly budget to split:{' '}
        <strong data-testid="plan-weekly-budget">{(form.budget / form.weeks).toLocaleString('en-US', { maximumFractionDigits: 0 })}</strong>. Bounds are
        multiples of a channel&apos;s average weekly spend over the last {form.weeks} complete weeks.
      </p>
      <fieldset className="checks">
        <legend>Bounds per channel (low, high)</legend>
        {channels.map((c) => {
          const [lo, hi] = boundsOf(form, c);
          return (
            <div key={c} className="plan-bound-row" data-testid={`plan-bounds-${c}`}>
              <span className="plan-bound-name" title={c}>
                {channelName(c)}
              </span>
              <NumberField
                ariaLabel={`${channelName(c)} lower bound`}
                value={lo}
                min={0}
                max={MAX_BOUND}
                onChange={(v) => v !== undefined && onChange(withBounds(form, c, [v, Math.max(v, hi)]))}
                testId={`plan-lo-${c}`}
              />
              <NumberField
                ariaLabel={`${channelName(c)} upper bound`}
                value={hi}
                min={0}
                max={MAX_BOUND}
                onChange={(v) => v !== undefined && onChange(withBounds(form, c, [Math.min(lo, v), v]))}
                testId={`plan-hi-${c}`}
              />
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}
