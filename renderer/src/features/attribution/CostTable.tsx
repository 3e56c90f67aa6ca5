import type { AttributionOutput } from '../../../../shared/specs/attribution-spec';
import { formatCurrency, formatDate, formatRatio } from '../../../../shared/format';
import { EmptyState } from '../../ui/States';
import { costCell, type CreditRow } from './attribution-rows';

const CPA_DEFINITION = 'CPA (cost per acquisition) = spend / the conversions the model credits to the row.';
const ROAS_DEFINITION = 'ROAS (return on ad spend) = the revenue the model credits to the row / spend.';

/**
 * Spend from Campaign Performance 360 over the reporting period beside each model's CPA and ROAS:
 * the same spend, divided by each model's credit. Without that product, says how to get it.
 */
export function CostTable({
  result,
  rows,
  modelLabels,
  rowHeading,
  onOpenCatalog,
}: {
  result: AttributionOutput;
  rows: CreditRow[];
  modelLabels: string[];
  /** "Channel", or "Campaign" in the drill. */
  rowHeading: string;
  onOpenCatalog: () => void;
}) {
  const cost = result.cost;
  if (!cost) return null;
  if (!cost.available) {
    return (
      <EmptyState
        title={cost.reason === 'not_pulled' ? 'Pull Campaign Performance 360 to see cost, CPA and ROAS' : 'No conversions to compare spend with'}
        action={
          cost.reason === 'not_pulled' ? (
            <button type="button" className="btn" onClick={onOpenCatalog}>
              Open the catalog
            </button>
          ) : undefined
        }
        testId="attr-cost-missing"
      >
        {cost.reason === 'not_pulled'
          ? 'Spend comes from the Campaign Performance 360 data product; once it is on this laptop, each model shows its cost per acquisition and return on ad spend.'
          : 'Pick a reporting period with conversions to see what they cost.'}
      </EmptyState>
    );
  }
  return (
    <div className="attr-cost" data-testid="attr-cost">
      <h3>
        Cost, CPA and ROAS{' '}
        <span className="muted small">
          spend from {formatDate(cost.from)} to {formatDate(cost.to)}
        </span>
      </h3>
      <div className="table-scroll">
        <table className="table numeric" data-testid="attr-cost-table">
          <thead>
            <tr>
              <th>{rowHeading}</th>
              <th title="Spend in Campaign Performance 360 over the period">Spend</th>
              {modelLabels.map((label, i) => (
                <th key={i} colSpan={2}>
                  {label}
                </th>
              ))}
            </tr>
            <tr>
              <th />
              <th />
              {modelLabels.map((_, i) => [
                <th key={`cpa-${i}`} title={CPA_DEFINITION} className="small">
                  CPA
                </th>,
                <th key={`roas-${i}`} title={ROAS_DEFINITION} className="small">
                  ROAS
                </th>,
              ])}
            </tr>
          </thead>
          <tbody>
            {/* Conversions without a touch (or a channel) have no spend to set against them. */}
            {rows
              .filter((row) => row.drillable || result.campaigns !== undefined)
              .map((row) => {
                const spend = costCell(result, 0, row.key).spend;
                return (
                  <tr key={row.key} data-testid={`attr-cost-row-${row.key}`}>
                    <td title={row.key}>{row.label}</td>
                    <td data-testid={`attr-spend-${row.key}`} data-value={spend ?? ''}>
                      {spend === null ? <span className="muted">no spend</span> : formatCurrency(spend)}
                    </td>
                    {modelLabels.map((_, i) => {
                      const cell = costCell(result, i, row.key);
                      return [
                        <td key={`cpa-${i}`} data-testid={`attr-cpa-${row.key}-${i}`}>
                          {formatCurrency(cell.cpa)}
                        </td>,
                        <td key={`roas-${i}`} data-testid={`attr-roas-${row.key}-${i}`}>
                          {formatRatio(cell.roas)}
                        </td>,
                      ];
                    })}
                  </tr>
                );
              })}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        {CPA_DEFINITION} {ROAS_DEFINITION} A dash means no spend or no credit. Organic channels (direct, organic search, referral) have no spend.
      </p>
    </div>
  );
}
