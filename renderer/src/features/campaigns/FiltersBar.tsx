import { channelName, platformName } from '../../../../shared/display-names';
import { useCampaignsStore } from './campaigns-store';

/** A compact multi-pick: "All channels" until some are ticked, then their count; Escape closes it. */
function MultiSelect({
  label,
  values,
  options,
  onChange,
  testId,
  render,
}: {
  label: string;
  values: string[];
  options: string[];
  onChange: (v: string[]) => void;
  testId: string;
  render?: (v: string) => string;
}) {
  const summary =
    values.length === 0
      ? `All ${label.toLowerCase()}s`
      : values.length === 1
        ? render
          ? render(values[0]!)
          : values[0]!
        : `${values.length} ${label.toLowerCase()}s`;
  return (
    <div className="field">
      {label}
      <details className="multi" data-testid={testId} onKeyDown={(e) => e.key === 'Escape' && (e.currentTarget as HTMLDetailsElement).removeAttribute('open')}>
        <summary className="multi-summary">{summary}</summary>
        <div className="multi-menu" role="group" aria-label={label}>
          {options.map((o) => (
            <label key={o} className="field-inline" title={render ? o : undefined}>
              <input
                type="checkbox"
                checked={values.includes(o)}
                onChange={(e) => onChange(e.target.checked ? [...values, o] : values.filter((v) => v !== o))}
                data-testid={`${testId}-${o}`}
              />
              {render ? render(o) : o}
            </label>
          ))}
        </div>
      </details>
    </div>
  );
}

/** Date range, channel, platform and campaign: shared by every widget on the dashboard. */
export function FiltersBar() {
  const { options, view, setFilter } = useCampaignsStore();
  if (!options || !view) return null;
  const f = view.filter;
  const names = new Map(options.campaigns.map((c) => [c.id, c.name]));
  const active = f.channels.length + f.platforms.length + f.campaigns.length;
  return (
    <div className="filters card" data-testid="dashboard-filters">
      <label className="field">
        From
        <input
          type="date"
          value={f.from}
          min={options.minDate ?? undefined}
          max={f.to}
          onChange={(e) => e.target.value && setFilter({ from: e.target.value })}
          data-testid="filter-from"
        />
      </label>
      <label className="field">
        To
        <input
          type="date"
          value={f.to}
          min={f.from}
          max={options.maxDate ?? undefined}
          onChange={(e) => e.target.value && setFilter({ to: e.target.value })}
          data-testid="filter-to"
        />
      </label>
      <MultiSelect
        label="Channel"
        values={f.channels}
        options={options.channels}
        render={channelName}
        onChange={(channels) => setFilter({ channels })}
        testId="filter-channel"
      />
      <MultiSelect
        label="Platform"
        values={f.platforms}
        options={options.platforms}
        render={platformName}
        onChange={(platforms) => setFilter({ platforms })}
        testId="filter-platform"
      />
      <MultiSelect
        label="Campaign"
        values={f.campaigns}
        options={options.campaigns.map((c) => c.id)}
        render={(id) => names.get(id) ?? id}
        onChange={(campaigns) => setFilter({ campaigns })}
        testId="filter-campaign"
      />
      {active > 0 && (
        <button type="button" className="btn" onClick={() => setFilter({ channels: [], platforms: [], campaigns: [] })} data-testid="filter-clear">
          Clear {active} filter{active === 1 ? '' : 's'}
        </button>
      )}
    </div>
  );
}
