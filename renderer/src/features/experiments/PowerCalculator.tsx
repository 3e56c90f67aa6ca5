import { useState } from 'react';
import { api } from '../../api/client';
import { formatByUnit, formatCount, formatPercent } from '../../../../shared/format';
import { ErrorState } from '../../ui/States';

/** MDE for a sample, or the sample for an effect, from the pre-period variance of a metric. */
export function PowerCalculator({ conversionTypes, asOf }: { conversionTypes: string[]; asOf: string }) {
  const [type, setType] = useState<'proportion' | 'mean'>('proportion');
  const [conversion, setConversion] = useState(conversionTypes[0] ?? 'purchase');
  const [users, setUsers] = useState(5000);
  const [effect, setEffect] = useState('');
  const [result, setResult] = useState<Record<string, unknown> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    try {
      setError(null);
      setResult(await api.analysis.power({ type, conversion_type: conversion, window_days: 28, as_of: asOf, alpha: 0.05, power: 0.8, users_per_variant: users, ...(effect ? { effect: Number(effect) } : {}) }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const unit = type === 'proportion' ? 'percent' : 'currency';
  const num = (k: string) => (typeof result?.[k] === 'number' ? (result[k] as number) : null);
  return (
    <div className="card" data-testid="power">
      <h2>Power calculator</h2>
      <p className="muted small">From the last 28 days' variance of the metric before {asOf.slice(0, 10)}, at 95% confidence and 80% power.</p>
      <div className="row">
        <label className="field">Metric<select value={type} onChange={(e) => setType(e.target.value as 'proportion' | 'mean')}><option value="proportion">conversion rate</option><option value="mean">revenue per user</option></select></label>
        <label className="field">Conversion<select value={conversion} onChange={(e) => setConversion(e.target.value)}>{conversionTypes.map((c) => <option key={c}>{c}</option>)}</select></label>
        <label className="field">Users per variant<input type="number" min={1} value={users} onChange={(e) => setUsers(Math.max(1, Number(e.target.value)))} data-testid="power-users" /></label>
        <label className="field">Effect to detect (absolute, optional)<input type="number" step="any" min={0} value={effect} onChange={(e) => setEffect(e.target.value)} /></label>
        <button type="button" className="btn btn-primary" onClick={() => void run()} data-testid="power-run">Calculate</button>
      </div>
      {error && <ErrorState title="Power could not be computed" message={error} />}
      {result && (
        <p data-testid="power-result">
          With {formatCount(num('users_per_variant'))} users per variant you can detect a change of {formatByUnit(num('mde'), unit)} ({formatPercent(num('relativeMde'))} relative) from a baseline of {formatByUnit((result.pre_period as { mean?: number } | undefined)?.mean ?? null, unit)}.
          {num('required_users') !== null && ` To detect ${formatByUnit(Number(effect), unit)} you need ${formatCount(num('required_users'))} users per variant.`}
        </p>
      )}
    </div>
  );
}
