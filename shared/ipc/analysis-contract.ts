import { z } from 'zod';
import type { AnalysisResult } from '../analysis/results/analysis-result';
import type { attributionSpecSchema } from '../specs/attribution-spec';
import type { AnalysisSpecInput } from '../specs/index';
import type { RuleNode } from '../specs/segment-rule';
import { call } from './define';

/*
 * Specs, rules and results are typed with the real spec types (shared/specs) and SPEC output
 * types (shared/analysis/analysis-result.ts). Their validation is parseSpec / parseRule in the
 * engine, which answers a SpecError with the path inside the spec (`rule.all[2].min_count`) and
 * a code (`unknown_kind`, `unknown_column`, ...) that a generic input check would lose.
 */
const rule = z.custom<RuleNode>();
const analysisSpec = z.custom<AnalysisSpecInput>();
const asOf = z.string().max(40).optional();
const interactions = z.array(z.string().max(40)).max(10);

const pathsSummary = z.object({
  paths: z.array(z.object({ path: z.string(), conversions: z.number(), non_converting: z.number(), conversion_rate: z.number() })),
  touches: z.array(z.object({ touches: z.number(), conversions: z.number() })),
  days: z.array(z.object({ days: z.number(), conversions: z.number() })),
});

/** The visual builders: every analysis is a SPEC spec, run by the engine exactly as the CLI runs it. */
export const analysisContract = {
  runSpec: call(
    'Run any analysis spec (attribution, segment, experiment) and return its SPEC output',
    z.object({ spec: analysisSpec }).strict(),
    z.object({ result: z.custom<AnalysisResult>(), ms: z.number() }),
  ),
  cancel: call('Cancel the running analysis', z.object({}).strict(), z.object({ cancelled: z.boolean() })),
  conversionTypes: call(
    'Conversion types with their counts',
    z.object({}).strict(),
    z.object({ types: z.array(z.object({ type: z.string(), count: z.number() })) }),
  ),
  attributionPaths: call(
    'Top conversion paths and touches/days-to-conversion distributions',
    z
      .object({
        conversion_type: z.string().min(1).max(100),
        lookback_days: z.number().int().min(1).max(365),
        interactions,
        top: z.number().int().min(1).max(100).default(15),
      })
      .strict(),
    pathsSummary,
  ),
  attributionSweep: call(
    "Each channel's credit along one parameter",
    z
      .object({
        spec: z.custom<z.input<typeof attributionSpecSchema>>(),
        param: z.enum(['lookback_days', 'half_life_days', 'first_weight', 'last_weight']),
        values: z.array(z.number()).min(2).max(40),
        model: z.string().max(40).optional(),
      })
      .strict(),
    z.object({
      param: z.string(),
      model: z.string(),
      values: z.array(z.number()),
      series: z.array(z.object({ channel: z.string(), conversions: z.array(z.number()), revenue: z.array(z.number()) })),
    }),
  ),
  customerColumns: call(
    'Customer 360 columns with their kinds and, for short text columns, their values',
    z.object({}).strict(),
    z.object({
      columns: z.array(
        z.object({
          name: z.string(),
          type: z.string(),
          kind: z.enum(['number', 'string', 'boolean', 'time', 'other']),
          values: z.array(z.string()).nullable(),
        }),
      ),
      /** The latest behaviour in the data (end of that day, UTC): a sensible default "as of". */
      latestActivity: z.string().nullable(),
    }),
  ),
  eventNames: call('Event names seen in the events product', z.object({}).strict(), z.object({ names: z.array(z.string()) })),
  segmentCount: call(
    'Live count of a segment rule, with how many of them consent per purpose',
    z.object({ rule, as_of: asOf }).strict(),
    z.object({ count: z.number(), consent: z.object({ email: z.number(), ads: z.number(), analytics: z.number() }) }),
  ),
  segmentPreview: call(
    'First members of a segment; PII masked unless your role may see it',
    z.object({ rule, as_of: asOf, limit: z.number().int().min(1).max(200).default(50) }).strict(),
    z.object({ rows: z.array(z.record(z.string(), z.unknown())), masked: z.boolean() }),
  ),
  segmentOverlap: call(
    'Overlap counts between segments',
    z
      .object({
        segments: z
          .array(z.object({ name: z.string().max(120), rule }))
          .min(1)
          .max(12),
        as_of: asOf,
      })
      .strict(),
    z.object({ names: z.array(z.string()), matrix: z.array(z.array(z.number())) }),
  ),
  segmentFunnel: call(
    'Customers left after each top-level condition of a segment rule, and each condition alone',
    z.object({ rule, as_of: asOf }).strict(),
    z.object({ base: z.number(), steps: z.array(z.object({ remaining: z.number(), alone: z.number() })) }),
  ),
  segmentMatchRates: call(
    'Estimated share of a segment each activation destination could match',
    z
      .object({
        rule,
        as_of: asOf,
        destinations: z.array(z.object({ id: z.string().max(64), purpose: z.string().max(40), identifier: z.string().max(40) }).strict()).max(50),
      })
      .strict(),
    z.object({
      rates: z.array(
        z.object({
          id: z.string(),
          members: z.number(),
          matchable: z.number(),
          identifierColumns: z.array(z.string()),
          consentColumn: z.string(),
          missing: z.array(z.string()),
        }),
      ),
    }),
  ),
  experiments: call(
    'Experiments and holdouts with their variants and user counts',
    z.object({}).strict(),
    z.object({
      experiments: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          hypothesis: z.string().nullable(),
          primary_metric: z.string().nullable(),
          control: z.string().nullable(),
          start_at: z.string().nullable(),
          end_at: z.string().nullable(),
          status: z.string().nullable(),
          source: z.enum(['registry', 'audience', 'assignments']),
          expected_split: z.record(z.string(), z.number()).nullable(),
          first_assigned_at: z.string().nullable(),
          last_assigned_at: z.string().nullable(),
          data_end: z.string().nullable(),
          variants: z.array(z.object({ variant: z.string(), users: z.number() })),
        }),
      ),
    }),
  ),
  geoTests: call(
    'Geos of geo_sales, its date range and the geo tests of the experiments registry',
    z.object({}).strict(),
    z.object({
      geos: z.array(z.object({ geo_id: z.string(), geo_name: z.string().nullable(), country: z.string().nullable() })),
      first_date: z.string().nullable(),
      last_date: z.string().nullable(),
      tests: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          hypothesis: z.string().nullable(),
          channel: z.string().nullable(),
          treatment_geos: z.array(z.string()),
          pre_period: z.tuple([z.string(), z.string()]),
          test_period: z.tuple([z.string(), z.string()]),
        }),
      ),
    }),
  ),
  power: call(
    'Minimum detectable effect (or users needed) from the pre-period variance of a metric',
    z
      .object({
        type: z.enum(['proportion', 'mean']),
        conversion_type: z.string().min(1).max(100),
        window_days: z.number().gt(0).max(3650),
        as_of: z.string().max(40),
        alpha: z.number().gt(0).lt(1),
        power: z.number().gt(0).lt(1),
        users_per_variant: z.number().int().min(1).optional(),
        effect: z.number().gt(0).optional(),
      })
      .strict(),
    z.object({
      /** Per-customer mean and sample variance of the metric over the pre-period window. */
      pre_period: z.object({ n: z.number(), mean: z.number(), variance: z.number() }),
      users_per_variant: z.number(),
      /** Null where the sample is too small to detect any effect. */
      mde: z.number().nullable(),
      relativeMde: z.number().nullable(),
      required_users: z.number().nullable(),
    }),
  ),
  attributionPathsReport: call(
    'Every conversion path, or channels at the first, middle or last touch, searchable by channel',
    z
      .object({
        conversion_type: z.string().min(1).max(100),
        lookback_days: z.number().int().min(1).max(365),
        interactions,
        view: z.enum(['path', 'first', 'middle', 'last']),
        search: z.string().max(100).default(''),
        limit: z.number().int().min(1).max(20_000).default(5000),
      })
      .strict(),
    z.object({
      rows: z.array(z.object({ key: z.string(), conversions: z.number(), revenue: z.number(), share: z.number() })),
      total_rows: z.number(),
      journeys: z.number(),
    }),
  ),
};
