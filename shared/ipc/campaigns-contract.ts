import { z } from 'zod';
import { METRIC_IDS } from '../metrics/metrics';
import { call } from './define';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-06-30');
const values = z.array(z.string().max(200)).max(500);

/** The filters every widget of the dashboard shares. Empty lists mean "all". */
export const dashboardFilterSchema = z
  .object({
    from: isoDate,
    to: isoDate,
    channels: values.default([]),
    platforms: values.default([]),
    campaigns: values.default([]),
  })
  .strict()
  .refine((f) => f.from <= f.to, { message: 'the start date must be on or before the end date', path: ['to'] });
export type DashboardFilter = z.input<typeof dashboardFilterSchema>;

export const LEVELS = ['campaign', 'ad_set', 'ad'] as const;
export const levelSchema = z.enum(LEVELS);
export type GridLevel = z.infer<typeof levelSchema>;

export const parentSchema = z.object({ campaign_id: z.string().max(200).optional(), ad_set_id: z.string().max(200).optional() }).strict();

const metricId = z.enum(METRIC_IDS);

/** The dashboard's state as it is saved (kind `dashboard_view`) and restored after a restart. */
export const dashboardViewSchema = z.object({
  filter: z.object({ from: isoDate, to: isoDate, channels: values, platforms: values, campaigns: values }),
  metric: metricId,
  granularity: z.enum(['date', 'week', 'month']),
  level: levelSchema,
  parent: parentSchema,
});
export type DashboardView = z.infer<typeof dashboardViewSchema>;
const metricValues = z.record(z.string(), z.number().nullable());

const gridRequest = z
  .object({
    filter: dashboardFilterSchema,
    level: levelSchema,
    parent: parentSchema.default({}),
    search: z.string().max(200).default(''),
  })
  .strict();

export const campaignsContract = {
  options: call(
    'Filter choices and the date range of the loaded Campaign Performance 360 extract',
    z.object({}).strict(),
    z.object({
      loaded: z.boolean(),
      minDate: z.string().nullable(),
      maxDate: z.string().nullable(),
      channels: z.array(z.string()),
      platforms: z.array(z.string()),
      campaigns: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
  kpis: call(
    'KPI totals for the filter and the previous period of equal length',
    z.object({ filter: dashboardFilterSchema }).strict(),
    // cacAvailable: Conversions and Touchpoints are loaded, so CAC counts new customers.
    z.object({ current: metricValues, previous: metricValues, previousFrom: z.string(), previousTo: z.string(), cacAvailable: z.boolean() }),
  ),
  timeseries: call(
    'One metric over time',
    z.object({ filter: dashboardFilterSchema, metric: metricId, granularity: z.enum(['date', 'week', 'month']) }).strict(),
    // days: the bucket's days inside the range; partial: fewer than a whole week or month.
    z.object({ points: z.array(z.object({ period: z.string(), value: z.number().nullable(), days: z.number().int(), partial: z.boolean() })) }),
  ),
  breakdown: call(
    'Metrics by channel or platform',
    z.object({ filter: dashboardFilterSchema, dimension: z.enum(['channel', 'platform']) }).strict(),
    z.object({ rows: z.array(z.object({ key: z.string(), values: metricValues })) }),
  ),
  gridPage: call(
    'One page of the campaign > ad set > ad grid as Arrow IPC, sorted in the engine',
    gridRequest.extend({
      startRow: z.number().int().min(0),
      endRow: z.number().int().min(1),
      sort: z
        .array(z.object({ colId: z.string().max(64), sort: z.enum(['asc', 'desc']) }).strict())
        .max(3)
        .default([]),
    }),
    z.object({ arrow: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'must be Arrow IPC bytes'), total: z.number().int() }),
  ),
  gridTotals: call('The totals row of the grid', gridRequest, z.object({ values: metricValues })),
  exportCsv: call('Every row of the grid at this level and filter, as CSV', gridRequest, z.object({ csv: z.string(), rows: z.number().int() })),
  exportParquet: call(
    "Every row of the grid at this level and filter, as Parquet (the CSV export's columns and rows)",
    gridRequest,
    z.object({ parquet: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'must be Parquet bytes'), rows: z.number().int() }),
  ),
};
