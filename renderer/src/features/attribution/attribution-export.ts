import type { ExportTable } from '../../../../shared/ipc/exports-contract';
import type { AttributionOutput } from '../../../../shared/specs/attribution-spec';

/**
 * The attribution comparison as an export table: one row per channel, then a conversions and a
 * revenue column per model (a channel a model gives no credit is 0 there), and a totals row.
 */
export function attributionExportTable(result: AttributionOutput, label: (m: AttributionOutput['models'][number]) => string): ExportTable {
  const channels = result.models[0]?.channels.map((c) => c.channel) ?? [];
  const columns = [
    { name: 'channel', type: 'VARCHAR' as const },
    ...result.models.flatMap((m) => [
      { name: `${label(m)} conversions`, type: 'DOUBLE' as const },
      { name: `${label(m)} revenue`, type: 'DOUBLE' as const },
    ]),
  ];
  const rows: (string | number)[][] = channels.map((ch) => [
    ch,
    ...result.models.flatMap((m) => {
      const c = m.channels.find((x) => x.channel === ch);
      return [c?.conversions ?? 0, c?.revenue ?? 0];
    }),
  ]);
  const totals = result.models.flatMap((m) => [m.channels.reduce((s, c) => s + c.conversions, 0), m.channels.reduce((s, c) => s + c.revenue, 0)]);
  rows.push(['(total)', ...totals]);
  return { kind: 'attribution', title: `attribution of ${result.conversion_type}`, columns, rows };
}
