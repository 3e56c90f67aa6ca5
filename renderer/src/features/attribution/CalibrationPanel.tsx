import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/queries';
import type { CalibrationResult } from '../../../../shared/analysis/calibration/run-calibration';
import type { AttributionSpecInput } from '../../../../shared/specs/attribution-spec';
import { ErrorState } from '../../ui/States';
import { NumberField } from '../../ui/NumberField';
import { SavedAnalyses } from '../analysis/SavedAnalyses';
import { useLiveRun } from '../analysis/use-live-run';
import { AdjustedCreditView } from './AdjustedCreditView';
import { CalibrationReadout } from './CalibrationReadout';
import { CalibrationTests, type ExperimentChoice } from './CalibrationTests';
import { DEFAULT_CALIBRATION, fromCalibrationSpec, toCalibrationSpec, type CalibrationForm } from './calibration-form';
import './calibration.css';

interface Props {
  /** The page's attribution spec: calibration runs exactly this attribution. */
  attribution: AttributionSpecInput;
  /** Channels the attribution lists, for the "channel tested" pickers. */
  channels: string[];
  /** Opening a saved calibration restores the page's attribution too. */
  onOpenAttribution: (spec: unknown) => void;
}

/**
 * Attribution calibrated by measured lift: for each channel with a finished geo test, experiment
 * or holdout, the conversions each model credits to it over the test period beside what the test
 * measured, their ratio (the incrementality factor), and a view scaling every model's credit by
 * it. Saved as its own spec kind, `calibrated_attribution`.
 */
export function CalibrationPanel({ attribution, channels, onOpenAttribution }: Props) {
  const [form, setForm] = useState<CalibrationForm>(DEFAULT_CALIBRATION);
  const [adjusted, setAdjusted] = useState(false);
  // Without assignments the query fails and there is simply nothing to pick; geo tests still work.
  const experimentsQuery = useApiQuery('analysis', 'experiments', {});
  const experiments = useMemo<ExperimentChoice[]>(
    () => (experimentsQuery.data?.experiments ?? []).map((e) => ({ id: e.id, name: e.name, variants: e.variants.map((v) => v.variant) })),
    [experimentsQuery.data],
  );
  const spec = useMemo(() => toCalibrationSpec(attribution, form), [attribution, form]);
  const runnable = spec !== null && form.tests.length > 0 ? spec : null;
  const run = useLiveRun(runnable, JSON.stringify(runnable), (s) => api.analysis.runSpec({ spec: s }), 400);
  const result = run.result?.result as CalibrationResult | undefined;

  return (
    <div className="card" data-testid="calib-panel">
      <div className="card-head">
        <h2>Calibrate with measured lift</h2>
        {spec && (
          <SavedAnalyses
            kind="calibrated_attribution"
            spec={spec}
            onOpen={(item) => {
              const saved = item.spec as { attribution?: unknown };
              onOpenAttribution(saved.attribution);
              setForm(fromCalibrationSpec(item.spec));
            }}
            testId="calib-saved"
          />
        )}
      </div>
      <p className="muted" data-testid="calib-explainer">
        Attribution shares out conversions that happened; a test measures how many would not have happened without the channel. The{' '}
        <strong>incrementality factor</strong> is the test&apos;s incremental conversions divided by the conversions a model credits to the channel over the
        same period: 1.0 means the model&apos;s credit matches the lift, 0.5 that only half of it was caused by the channel (the model over-credits it), 2.0
        that the channel causes twice what the model gives it. Its interval is the test&apos;s interval divided by the credit. The adjusted view scales each
        tested channel&apos;s credit by its factor; untested channels stay as modelled. A factor holds for the spend level, audience and creative of its test:
        once the data runs more than {form.stale_after_days} days past a test, it is marked <em>stale</em>, and the channel should be re-tested.
      </p>
      <CalibrationTests tests={form.tests} channels={channels} experiments={experiments} onChange={(tests) => setForm((f) => ({ ...f, tests }))} />
      <div className="row">
        <NumberField
          label="Stale after (days)"
          value={form.stale_after_days}
          min={1}
          max={3650}
          integer
          unit="days"
          onChange={(v) => v !== undefined && setForm((f) => ({ ...f, stale_after_days: v }))}
          testId="calib-stale-after"
        />
        <label className="field-inline">
          <input type="checkbox" checked={adjusted} onChange={(e) => setAdjusted(e.target.checked)} data-testid="calib-adjusted-toggle" />
          Show the incrementality-adjusted view
        </label>
        <span className="run-status muted small" data-testid="calib-status" data-running={run.running}>
          {run.running ? 'Updating…' : run.result ? `Computed in ${run.result.ms} ms` : ''}
        </span>
      </div>
      {form.tests.length === 0 && (
        <p className="muted small">Add a finished geo test, experiment or holdout of a channel to compare its credit with its measured lift.</p>
      )}
      {run.error && <ErrorState title="This calibration cannot run" message={run.error.message} />}
      {result && !adjusted && <CalibrationReadout result={result} />}
      {result && adjusted && <AdjustedCreditView result={result} />}
    </div>
  );
}
