import type { ExportTable } from '../../../../shared/ipc/exports-contract';
import type { VariantResult } from './readout';

/**
 * An experiment result as an export table: one row per (metric, variant) with the numbers the
 * result cards show, unrounded; a control row leaves the comparison columns empty (NULL).
 */
export function experimentExportTable(experimentId: string, metrics: readonly { name: string; variants: readonly VariantResult[] }[]): ExportTable {
  const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    kind: 'experiment',
    title: `experiment ${experimentId}`,
    columns: [
      { name: 'metric', type: 'VARCHAR' },
      { name: 'variant', type: 'VARCHAR' },
      { name: 'users', type: 'BIGINT' },
      { name: 'mean', type: 'DOUBLE' },
      { name: 'diff', type: 'DOUBLE' },
      { name: 'diff_ci_low', type: 'DOUBLE' },
      { name: 'diff_ci_high', type: 'DOUBLE' },
      { name: 'rel_lift', type: 'DOUBLE' },
      { name: 'rel_lift_ci_low', type: 'DOUBLE' },
      { name: 'rel_lift_ci_high', type: 'DOUBLE' },
      { name: 'p_value', type: 'DOUBLE' },
    ],
    rows: metrics.flatMap((m) =>
      m.variants.map((v) => [
        m.name,
        v.variant,
        v.users,
        num(v.mean),
        num(v.diff),
        num(v.diff_ci?.[0]),
        num(v.diff_ci?.[1]),
        num(v.rel_lift),
        num(v.rel_lift_ci?.[0]),
        num(v.rel_lift_ci?.[1]),
        num(v.p_value),
      ]),
    ),
  };
}
