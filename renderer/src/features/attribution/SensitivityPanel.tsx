import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { MeshworkApi } from '../../../../shared/ipc/contract';
import type { AttributionSpecInput } from '../../../../shared/specs/attribution-spec';
import { formatDecimal } from '../../../../shared/format';
import { Chart, type ChartOption } from '../../ui/Chart';
import { ErrorState } from '../../ui/States';
import { ProgressBar } from '../../ui/ProgressBar';
import { channelName } from '../../../../shared/display-names';
import { MODEL_INFO } from './model-info';

type Sweep = Awaited<ReturnType<typeof api.analysis.attributionSweep>>;
type Param = Parameters<MeshworkApi['analysis']['attributionSweep']>[0]['param'];

const SWEEPS: Record<Param, { label: string; values: number[]; model?: string }> = {
  lookback_days: { label: 'Lookback window (days)', values: [1, 3, 7, 14, 21, 30, 45, 60, 90] },
  half_life_days: { label: 'Time-decay half-life (days)', values: [0.5, 1, 2, 3, 5, 7, 10, 14, 21, 30], model: 'time_decay' },
  first_weight: { label: 'Position-based first-touch share', values: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6], model: 'position_based' },
  last_weight: { label: 'Position-based last-touch share', values: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6], model: 'position_based' },
};

/** Sweeps one parameter and charts each channel's credit along it. */
export function SensitivityPanel({ spec }: { spec: AttributionSpecInput }) {
  const [param, setParam] = useState<Param>('lookback_days');
  // The lookback applies to every model: the user picks which one to sweep (the first checked
  // one by default, named on the chart). The other parameters belong to one model.
  const checked: string[] = [...new Set(spec.models.map((m) => m.model))];
  const [picked, setPicked] = useState<string | null>(null);
  const sweptModel =
    SWEEPS[param].model ?? (picked !== null && checked.includes(picked) ? picked : (checked.find((m) => m !== 'last_touch') ?? checked[0] ?? 'last_touch'));
  const modelLabel = MODEL_INFO[sweptModel]?.label ?? sweptModel;
  const [sweep, setSweep] = useState<Sweep | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sweptLabel, setSweptLabel] = useState('');
  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      const def = SWEEPS[param];
      setSweep(await api.analysis.attributionSweep({ spec, param, values: def.values, model: sweptModel }));
      setSweptLabel(`${modelLabel} credit along ${def.label.toLowerCase()}`);
    } catch (e) {
      setSweep(null);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setRunning(false);
    }
  };
  const option = useMemo<ChartOption>(
    () => ({
      // Legend under the plot (scrolling), so a dozen channels never cover the y axis or its name.
      legend: { bottom: 0, type: 'scroll' },
      grid: { left: 16, right: 20, top: 36, bottom: 64, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatDecimal(v as number) },
      xAxis: {
        type: 'category',
        name: SWEEPS[param].label,
        nameLocation: 'middle',
        nameGap: 28,
        data: (sweep?.values ?? []).map(String),
        axisLabel: { hideOverlap: true },
      },
      yAxis: { type: 'value', name: 'Conversions' },
      series: (sweep?.series ?? []).map((s) => ({ name: channelName(s.channel), type: 'line', data: s.conversions })),
    }),
    [sweep, param],
  );
  return (
    <div className="card" data-testid="sensitivity">
      <div className="card-head">
        <h2>Sensitivity</h2>
        <div className="row">
          <select aria-label="Parameter" value={param} onChange={(e) => setParam(e.target.value as Param)} data-testid="sweep-param">
            {Object.entries(SWEEPS).map(([k, v]) => (
              <option key={k} value={k}>
                {v.label}
              </option>
            ))}
          </select>
          {SWEEPS[param].model === undefined && (
            <select aria-label="Model" value={sweptModel} onChange={(e) => setPicked(e.target.value)} data-testid="sweep-model">
              {checked.map((m) => (
                <option key={m} value={m}>
                  {MODEL_INFO[m]?.label ?? m}
                </option>
              ))}
            </select>
          )}
          <button type="button" className="btn btn-primary" disabled={running} onClick={() => void run()} data-testid="sweep-run">
            Sweep
          </button>
        </div>
      </div>
      {running && <ProgressBar value={null} label="Sweeping" />}
      {error && <ErrorState title="The sweep failed" message={error} />}
      {sweep ? (
        <>
          <h3 className="small" data-testid="sweep-title">
            {sweptLabel}
          </h3>
          <Chart option={option} title={sweptLabel} testId="sweep-chart" height={300} />
        </>
      ) : (
        !running && <p className="muted">See how each channel's credit under the {modelLabel} model changes along one parameter.</p>
      )}
    </div>
  );
}
