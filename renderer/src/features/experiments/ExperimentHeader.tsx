import { article, formatCount, formatDate, formatPercent, pluralize } from '../../../../shared/format';
import { NumberField } from '../../ui/NumberField';
import { daysRunning, sampleProgress, type ExperimentTimeline } from './progress';
import type { Engine, VariantResult } from './readout';

/**
 * Where the experiment stands: status, dates, days running, and users so far against the users
 * the primary metric needs to detect the target lift with 80% power (mid-experiment power from
 * its current standard error, projected to the planned end).
 */
export function ExperimentHeader({
  status,
  timeline,
  primary,
  primaryName,
  alpha,
  engine,
  tuning,
  targetLift,
  onTargetLift,
}: {
  status: string | null;
  timeline: ExperimentTimeline;
  /** The primary metric's control and first treatment. */
  primary: [VariantResult, VariantResult] | null;
  primaryName: string;
  alpha: number;
  engine: Engine;
  tuning: number;
  targetLift: number | undefined;
  onTargetLift: (v: number | undefined) => void;
}) {
  const days = daysRunning(timeline);
  const progress = primary && targetLift ? sampleProgress(primary[0], primary[1], timeline, targetLift / 100, alpha, engine, tuning) : null;
  const pct = progress?.progress ?? null;
  // "an 8% lift", "a 5% lift": the article goes by how the number is read.
  const liftWords = targetLift === undefined ? '' : `${article(`${targetLift}%`)} ${targetLift}% lift`;
  return (
    <div className="card" data-testid="exp-header">
      <div className="exp-header">
        <div>
          <div className="kpi-label">Status</div>
          <div className="kpi-value" data-testid="exp-header-status">
            {status ?? 'not in the registry'}
          </div>
        </div>
        <div>
          <div className="kpi-label">Start</div>
          <div className="kpi-value">{formatDate(timeline.start_at)}</div>
        </div>
        <div>
          <div className="kpi-label">Planned end</div>
          <div className="kpi-value">{formatDate(timeline.end_at)}</div>
        </div>
        <div>
          <div className="kpi-label">Running (to the latest data)</div>
          <div className="kpi-value" data-testid="exp-header-days">
            {days === null ? '—' : pluralize(days, 'day')}
          </div>
        </div>
        <NumberField
          label={`Lift to detect on ${primaryName} (%)`}
          min={0.1}
          max={1000}
          unit="%"
          value={targetLift}
          testId="exp-target-lift"
          onChange={onTargetLift}
        />
      </div>
      <div style={{ marginTop: 10 }} data-testid="exp-header-progress" data-users={progress?.usersSoFar ?? ''} data-needed={progress?.usersNeeded ?? ''}>
        {progress ? (
          <>
            <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct === null ? undefined : Math.round(pct * 100)}>
              <div className="progress-fill" style={{ width: `${Math.round((pct ?? 0) * 100)}%` }} />
            </div>
            <p className="small" style={{ margin: '6px 0 0' }}>
              {formatCount(progress.usersSoFar)} users so far in {primary![0].variant} and {primary![1].variant}
              {progress.usersNeeded === null
                ? `: no sample size reaches 80% power for ${liftWords}.`
                : progress.usersNeeded <= progress.usersSoFar
                  ? `, enough to detect ${liftWords} with 80% power (power now ${formatPercent(progress.powerNow)}).`
                  : ` of ${formatCount(Math.ceil(progress.usersNeeded))} needed to detect ${liftWords} with 80% power (power now ${formatPercent(progress.powerNow)}; ${progress.plannedUsers > progress.usersSoFar ? `by the planned end about ${formatCount(progress.plannedUsers)} users, power ${formatPercent(progress.powerAtPlan)}` : 'no more users are planned'}).`}
            </p>
          </>
        ) : (
          <p className="muted small">Users needed appear once {primaryName} has an interval to measure its noise from.</p>
        )}
      </div>
    </div>
  );
}
