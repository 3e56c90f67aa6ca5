import { NumberField } from '../../ui/NumberField';
import { cupedNote, metricLabel, metricUnit, type MetricCap, type MetricSpec } from './experiment-spec';
import { guardrailWarning, readVariant, type ReadoutContext, type Reading, type VariantResult } from './readout';
import { CapComparison } from './CapComparison';
import { ResultTable } from './ResultTable';

export interface MetricResult {
  name: string;
  variants: VariantResult[];
  uncapped?: { variants: VariantResult[] };
}

/** Every treatment of one metric read against control, in one map the sentence and table share. */
export function readMetric(ctx: ReadoutContext, variants: VariantResult[]): Map<string, Reading> {
  const control = variants[0];
  const out = new Map<string, Reading>();
  if (!control) return out;
  for (const t of variants.slice(1)) out.set(t.variant, readVariant(ctx, control, t));
  return out;
}

function CapPicker({ metric, onCap }: { metric: MetricSpec; onCap: (cap: MetricCap | undefined) => void }) {
  const cap = metric.cap;
  const kind = cap?.type ?? 'none';
  return (
    <span className="exp-toggles">
      <label className="field-inline">
        Cap each user at
        <select
          value={kind}
          data-testid={`exp-cap-${metric.name}`}
          onChange={(e) =>
            onCap(
              e.target.value === 'none' ? undefined : e.target.value === 'percentile' ? { type: 'percentile', value: 0.99 } : { type: 'absolute', value: 500 },
            )
          }
        >
          <option value="none">no cap</option>
          <option value="percentile">a percentile</option>
          <option value="absolute">a fixed value</option>
        </select>
      </label>
      {cap?.type === 'percentile' && (
        <NumberField
          ariaLabel="Percentile"
          min={1}
          max={100}
          unit="th percentile"
          value={Math.round(cap.value * 1000) / 10}
          testId={`exp-cap-pct-${metric.name}`}
          onChange={(v) => v !== undefined && v > 0 && onCap({ type: 'percentile', value: v / 100 })}
        />
      )}
      {cap?.type === 'absolute' && (
        <NumberField
          ariaLabel="Cap value"
          min={0.01}
          max={1e9}
          value={cap.value}
          testId={`exp-cap-value-${metric.name}`}
          onChange={(v) => v !== undefined && onCap({ type: 'absolute', value: v })}
        />
      )}
    </span>
  );
}

function capLabel(cap: MetricCap | undefined): string {
  if (!cap) return '';
  return cap.type === 'percentile' ? `at the ${Math.round(cap.value * 1000) / 10}th percentile` : `at ${cap.value.toLocaleString('en-US')}`;
}

/**
 * One metric: a sentence per treatment, the guardrail flag, the table, CUPED's effect, and for
 * a capped metric the uncapped result beside the capped one. The toggles edit the spec.
 */
export function ResultCard({
  metric,
  result,
  ctx,
  reduction,
  blocked,
  unreadable = false,
  onChange,
}: {
  metric: MetricSpec;
  result: MetricResult;
  ctx: Omit<ReadoutContext, 'metricLabel' | 'unit' | 'inverse'>;
  /** CUPED's variance reduction per treatment (undefined without CUPED). */
  reduction: Map<string, number | null> | undefined;
  blocked: boolean;
  /** The conversions end before the window could show anything: arms and users only. */
  unreadable?: boolean;
  onChange: (patch: { inverse?: boolean; guardrail?: boolean; cap?: MetricCap | undefined }) => void;
}) {
  const label = metricLabel(metric.name);
  const unit = metricUnit(metric);
  const full: ReadoutContext = { ...ctx, metricLabel: label, unit, inverse: metric.inverse === true };
  const readings = readMetric(full, result.variants);
  const uncappedReadings = result.uncapped ? readMetric(full, result.uncapped.variants) : null;
  const harms = result.variants
    .slice(1)
    .map((v) => guardrailWarning(full, v))
    .filter((w): w is string => w !== null);
  const table = (variants: VariantResult[], r: Map<string, Reading>, testId: string) => (
    <ResultTable
      name={label}
      unit={unit}
      variants={variants}
      readings={r}
      alpha={ctx.alpha}
      engine={ctx.engine}
      corrected={ctx.correction !== 'none' && ctx.engine !== 'bayesian'}
      testId={testId}
      countsOnly={unreadable}
    />
  );
  if (unreadable) {
    return (
      <div className="card" data-testid={`exp-metric-${metric.name}`}>
        <h2>{label}</h2>
        {table(result.variants, readings, `exp-table-${metric.name}`)}
      </div>
    );
  }
  return (
    <div className="card" data-testid={`exp-metric-${metric.name}`}>
      <div className="exp-metric-head">
        <h2>
          {label}{' '}
          {metric.guardrail && (
            <span className="badge badge-warn" data-testid={`exp-guardrail-badge-${metric.name}`}>
              guardrail
            </span>
          )}
        </h2>
        <div className="exp-toggles">
          <label className="field-inline">
            <input
              type="checkbox"
              checked={metric.inverse === true}
              data-testid={`exp-inverse-${metric.name}`}
              onChange={(e) => onChange({ inverse: e.target.checked })}
            />
            Lower is better
          </label>
          <label className="field-inline">
            <input
              type="checkbox"
              checked={metric.guardrail === true}
              data-testid={`exp-guardrail-${metric.name}`}
              onChange={(e) => onChange({ guardrail: e.target.checked })}
            />
            Guardrail
          </label>
          {metric.type !== 'proportion' && <CapPicker metric={metric} onCap={(cap) => onChange({ cap })} />}
        </div>
      </div>
      {harms.map((h) => (
        <div key={h} className="exp-banner exp-banner-bad exp-guardrail" role="alert" data-testid={`exp-harm-${metric.name}`}>
          {h}
        </div>
      ))}
      {!blocked &&
        [...readings.entries()].map(([variant, r]) => (
          <p
            key={variant}
            className="exp-sentence readout"
            data-verdict={r.verdict}
            data-testid={`exp-readout-${metric.name}-${variant}`}
            data-interval={r.interval ? r.interval.join(',') : ''}
            data-p={r.pValue ?? ''}
            data-chance={r.chanceToWin ?? ''}
          >
            {r.sentence}
          </p>
        ))}
      {table(result.variants, readings, `exp-table-${metric.name}`)}
      {result.uncapped && uncappedReadings && (
        <>
          <h3 className="small">Capped and uncapped</h3>
          <CapComparison
            capLabel={capLabel(metric.cap)}
            unit={unit}
            capped={result.variants}
            uncapped={result.uncapped.variants}
            cappedReadings={readings}
            uncappedReadings={uncappedReadings}
            testId={`exp-capping-${metric.name}`}
          />
        </>
      )}
      {reduction &&
        [...reduction.entries()].map(([variant, r]) => (
          <p key={variant} className="muted small" data-testid={`exp-cuped-${metric.name}${reduction.size > 1 ? `-${variant}` : ''}`}>
            {reduction.size > 1 ? `${variant}: ` : ''}
            {cupedNote(label, r)}
          </p>
        ))}
    </div>
  );
}
