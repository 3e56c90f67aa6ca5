import { useState } from 'react';
import { useApiMutation } from '../../api/queries';
import { formatByUnit, formatCount, formatPercent } from '../../../../shared/format';
import { NumberField } from '../../ui/NumberField';
import { ErrorState } from '../../ui/States';
import { plainError } from '../../ui/plain-error';

const POWER_LABELS = { users_per_variant: 'Users per variant', effect: 'Effect to detect' };

/** MDE for a sample, or the sample for an effect, from the pre-period variance of a metric. */
export function PowerCalculator({ conversionTypes, asOf }: { conversionTypes: string[]; asOf: string }) {
  const [type, setType] = useState<'proportion' | 'mean'>('proportion');
  const [conversion, setConversion] = useState(conversionTypes[0] ?? 'purchase');
  const [users, setUsers] = useState<number | undefined>(5000);
  const [effect, setEffect] = useState<number | undefined>(undefined);
  // A mutation, not a query: it is computed when asked. Each calculation replaces the last answer or
  // error, so an old answer never sits under a new error as if it answered the new question.
  const power = useApiMutation('analysis', 'power');
  const result = (power.data ?? null) as Record<string, unknown> | null;
  // A refused value is said at its field ("Effect to detect must be more than 0."), anything else under the form.
  const problem = power.error ? plainError(power.error, POWER_LABELS) : null;
  const atField = (field: string) => (problem?.field === field ? problem.message : undefined);
  const run = () => {
    if (users === undefined) return;
    power.mutate({
      type,
      conversion_type: conversion,
      window_days: 28,
      as_of: asOf,
      alpha: 0.05,
      power: 0.8,
      users_per_variant: users,
      ...(effect !== undefined ? { effect } : {}),
    });
  };
  const unit = type === 'proportion' ? 'percent' : 'currency';
  const num = (k: string) => (typeof result?.[k] === 'number' ? (result[k] as number) : null);
  return (
    <div className="card" data-testid="power">
      <h2>Power calculator</h2>
      <p className="muted small">From the last 28 days' variance of the metric before {asOf.slice(0, 10)}, at 95% confidence and 80% power.</p>
      <div className="row">
        <label className="field">
          Metric
          <select value={type} onChange={(e) => setType(e.target.value as 'proportion' | 'mean')}>
            <option value="proportion">conversion rate</option>
            <option value="mean">revenue per user</option>
          </select>
        </label>
        <label className="field">
          Conversion
          <select value={conversion} onChange={(e) => setConversion(e.target.value)}>
            {conversionTypes.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <NumberField
          label="Users per variant"
          min={100}
          max={100_000_000}
          integer
          unit="users"
          value={users}
          onChange={(v) => {
            setUsers(v);
            power.reset();
          }}
          error={atField('users_per_variant')}
          testId="power-users"
        />
        <NumberField
          label="Effect to detect (absolute, optional)"
          // The engine needs an effect above 0 (a rate's change is below 1): refused here, at the
          // field, rather than as "analysis.power: effect: Too small" from the engine.
          min={type === 'proportion' ? 0.001 : 0.01}
          max={type === 'proportion' ? 0.999 : 1e9}
          optional
          value={effect}
          onChange={(v) => {
            setEffect(v);
            power.reset();
          }}
          error={atField('effect')}
          testId="power-effect"
        />
        <button type="button" className="btn btn-primary" onClick={run} disabled={users === undefined} data-testid="power-run">
          Calculate
        </button>
      </div>
      {problem && !atField('users_per_variant') && !atField('effect') && <ErrorState title="Power could not be computed" message={problem.message} />}
      {result && (
        <p data-testid="power-result">
          With {formatCount(num('users_per_variant'))} users per variant you can detect a change of {formatByUnit(num('mde'), unit)} (
          {formatPercent(num('relativeMde'))} relative) from a baseline of{' '}
          {formatByUnit((result.pre_period as { mean?: number } | undefined)?.mean ?? null, unit)}.
          {num('required_users') !== null &&
            ` To detect ${formatByUnit(effect ?? null, unit)} you need ${formatCount(num('required_users'))} users per variant.`}
        </p>
      )}
    </div>
  );
}
