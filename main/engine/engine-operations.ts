import { ensureAssignmentsView, hasAssignments, listExperiments, recordHoldout } from '../../shared/analysis/assignments/assignments-sql';
import type { AnalysisResult } from '../../shared/analysis/results/analysis-result';
import { audienceMembers } from '../../shared/analysis/audience/audience-sql';
import { recheckConsent } from '../../shared/analysis/audience/consent-recheck-sql';
import { conversionPaths } from '../../shared/analysis/attribution/conversion-paths';
import { sweepAttribution } from '../../shared/analysis/attribution/sweep';
import { pathsReport } from '../../shared/analysis/attribution/paths-views-sql';
import { gridPageSql } from '../../shared/analysis/campaigns/dashboard-sql';
import {
  campaignBreakdown,
  campaignGridCount,
  campaignGridCsv,
  campaignGridTotals,
  campaignKpis,
  campaignOptions,
  campaignTimeseries,
  newCustomersAvailable,
} from '../../shared/analysis/campaigns/run-dashboard';
import { geoOverview } from '../../shared/analysis/geo/geo-tests';
import { forecastChannels } from '../../shared/analysis/forecast/run-forecast';
import { churnCalibration, churnModelVersions } from '../../shared/analysis/churn/calibration-sql';
import { prePeriodStats } from '../../shared/analysis/experiment/pre-period';
import { conversionTypes, customerColumns, eventNames, latestActivity } from '../../shared/analysis/pickers/pickers-sql';
import { segmentCount, segmentOverlap, segmentPreview } from '../../shared/analysis/segment/run-segment';
import { tableColumns } from '../../shared/analysis/table-columns';
import { unloadProduct } from '../../shared/analysis/catalog/unload-sql';
import { refusePiiConditions } from '../../shared/analysis/segment/pii-conditions';
import { segmentFunnel } from '../../shared/analysis/segment/funnel-sql';
import { segmentMatchRates } from '../../shared/analysis/segment/match-rate-sql';
import type { AttributionModel } from '../../shared/specs/attribution-spec';
import { SpecError, parseSpec } from '../../shared/specs/index';
import { parseRule, type RuleNode } from '../../shared/specs/segment-rule';
import { checkSpecSize } from '../../shared/specs/spec-limits';
import { minimumDetectableEffect, requiredSampleSize } from '../../shared/stats/power';
import { checkPinnedTypes } from '../analysis/column-types';
import { requiredProducts } from '../analysis/required-products';
import { runAnalysis } from '../analysis/run-analysis';
import { readerToArrow, toIpc } from './arrow';
import type { DuckDbEngine } from './duckdb-engine';
import type { EngineMethod, EngineParsedParams, EngineResult } from './engine-protocol';
import { loadProducts } from './load-products';
import { describeParquet } from './parquet-footer';
import { campaignGridParquet, rowsToParquet } from './parquet-export';
import { checkQualityOn } from '../mesh/quality/check-quality';

/**
 * What each named engine operation does, in the engine process, on its one DuckDB connection.
 * Every runner lives in shared/analysis; this map only parses what needs the data (rules,
 * specs) and calls it, so all bookkeeping (e.g. the attribution journeys' TEMP tables) stays in
 * this one process. The session methods (`openWorkspace`, `cancel` and the settings
 * `setAccess`, `restrictFiles`, `configure`) are the service's own (engine-service.ts).
 */
export interface OperationContext {
  engine: DuckDbEngine;
  signal: AbortSignal;
  /** Who the engine answers for (the `setAccess` session setting); null: a bare engine (tests, tools). */
  access: AccessPolicy | null;
}

/**
 * The identity the app set with `setAccess`. Without PII access, rule conditions on these
 * columns are refused (counts of `email starts_with "a"`, `"an"`, ... would spell out an address)
 * and previews stay masked whatever the caller asks.
 */
export interface AccessPolicy {
  piiAccess: boolean;
  piiColumns: ReadonlySet<string>;
}

/** Methods the service runs itself: they change the session rather than read data. */
export type SessionMethod = 'openWorkspace' | 'cancel' | 'setAccess' | 'restrictFiles' | 'configure';

type Operations = {
  [M in Exclude<EngineMethod, SessionMethod>]: (params: EngineParsedParams<M>, ctx: OperationContext) => Promise<EngineResult<M>>;
};

/** Parses a rule (bounded first) and, for an identity without PII access, refuses conditions on PII columns. */
function allowedRule(input: unknown, path: PropertyKey[], access: AccessPolicy | null): RuleNode {
  checkSpecSize(input, path);
  const rule = parseRule(input, path);
  if (access && !access.piiAccess) refusePiiConditions(rule, access.piiColumns, path);
  return rule;
}

/** Unmasked only when the caller asks and the identity may (a bare engine trusts the caller). */
const mayUnmask = (requested: boolean, access: AccessPolicy | null): boolean => requested && (access?.piiAccess ?? true);

export const operations: Operations = {
  loadProducts: (p, { engine }) => loadProducts(engine, p.dataDir, { as: p.as ?? 'table', ...(p.only ? { only: p.only } : {}) }),
  describeParquet: (p, { engine }) => describeParquet(engine, p.files),
  'quality.check': (p, { engine }) => checkQualityOn(engine, p.files, p.checks, new Date(p.now)),
  'products.unload': async (p, { engine }) => ({ dropped: await unloadProduct(engine, p.id) }),

  'analysis.run': async (p, { engine, access }) => {
    const spec = parseSpec(p.spec);
    if (spec.kind === 'segment' && access && !access.piiAccess) refusePiiConditions(spec.rule, access.piiColumns);
    // A pinned column of the wrong type (occurred_at as VARCHAR) is named, not a mid-query cast error.
    const needed = await Promise.all([...requiredProducts(spec).keys()].map(async (id) => ({ id, columns: await tableColumns(engine, id).catch(() => []) })));
    checkPinnedTypes(needed);
    // runAnalysis answers the SPEC output of the spec's kind; AnalysisResult lists those outputs.
    return (await runAnalysis(engine, spec)) as AnalysisResult;
  },

  'attribution.sweep': async (p, { engine }) => {
    const spec = parseSpec(p.spec);
    if (spec.kind !== 'attribution') throw new SpecError('invalid_spec', 'A sweep needs an attribution spec.', 'kind');
    return sweepAttribution(engine, spec, { param: p.param, values: p.values, ...(p.model ? { model: p.model as AttributionModel['model'] } : {}) });
  },
  'attribution.paths': (p, { engine }) => conversionPaths(engine, p, p.top),

  'campaigns.options': (_p, { engine }) => campaignOptions(engine),
  'campaigns.kpis': (p, { engine }) => campaignKpis(engine, p.filter),
  'campaigns.timeseries': (p, { engine }) => campaignTimeseries(engine, p.filter, p.metric, p.granularity),
  'campaigns.breakdown': (p, { engine }) => campaignBreakdown(engine, p.filter, p.dimension),
  'campaigns.gridPage': async (p, { engine, signal }) => {
    const columns = new Set((await tableColumns(engine, 'campaign_performance')).map((c) => c.name));
    const page = gridPageSql(p.query, columns, p.sort, p.startRow, p.endRow, await newCustomersAvailable(engine));
    const total = await campaignGridCount(engine, p.query);
    const reader = await engine.runCancellable(page.sql, page.params, { signal });
    return { arrow: toIpc(readerToArrow(reader)), total };
  },
  'campaigns.gridTotals': (p, { engine }) => campaignGridTotals(engine, p.query),
  'campaigns.exportCsv': (p, { engine }) => campaignGridCsv(engine, p.query),
  'campaigns.exportParquet': (p, { engine }) => campaignGridParquet(engine, p.query),
  'export.parquet': async (p, { engine }) => ({ parquet: await rowsToParquet(engine, p.table.columns, p.table.rows), rows: p.table.rows.length }),

  'segments.count': async (p, { engine, access }) => ({ count: await segmentCount(engine, allowedRule(p.rule, ['rule'], access), p.as_of) }),
  'segments.preview': (p, { engine, access }) =>
    segmentPreview(engine, allowedRule(p.rule, ['rule'], access), {
      piiAccess: mayUnmask(p.piiAccess, access),
      limit: p.limit,
      ...(p.as_of ? { asOf: p.as_of } : {}),
    }),
  'segments.overlap': (p, { engine, access }) =>
    segmentOverlap(
      engine,
      p.rules.map((r, i) => allowedRule(r, ['rules', i], access)),
      p.as_of,
    ),
  'segments.funnel': async (p, { engine, access }) => segmentFunnel(engine, allowedRule(p.rule, ['rule'], access), p.as_of),
  'segments.matchRates': async (p, { engine, access }) => segmentMatchRates(engine, allowedRule(p.rule, ['rule'], access), p.destinations, p.as_of),

  'pickers.conversionTypes': (_p, { engine }) => conversionTypes(engine),
  'pickers.eventNames': (_p, { engine }) => eventNames(engine),
  'pickers.customerColumns': async (p, { engine }) => ({
    columns: await customerColumns(engine),
    latestActivity: p.latestFrom ? await latestActivity(engine, p.latestFrom) : null,
  }),

  'experiments.list': (p, { engine }) => listExperiments(engine, p.withRegistry),
  'experiments.power': async (p, { engine }) => {
    const pre = await prePeriodStats(engine, { type: p.type, conversion_type: p.conversion_type, window_days: p.window_days, as_of: p.as_of });
    const inputs = { variance: pre.variance, baselineMean: pre.mean, alpha: p.alpha, power: p.power };
    const perArm = p.users_per_variant ?? Math.floor(pre.n / 2);
    return {
      pre_period: pre,
      users_per_variant: perArm,
      ...minimumDetectableEffect(inputs, perArm, perArm),
      required_users: p.effect !== undefined ? requiredSampleSize(inputs, p.effect) : null,
    };
  },

  'geo.overview': (p, { engine }) => geoOverview(engine, p.withRegistry),

  'assignments.available': (_p, { engine }) => hasAssignments(engine),
  'assignments.refreshView': async (_p, { engine }) => {
    await ensureAssignmentsView(engine);
    return null;
  },
  'assignments.recordHoldout': async (p, { engine }) => {
    await recordHoldout(engine, p.experimentId, p.members, p.holdout, p.assignedAt, p.design);
    return null;
  },

  'audiences.members': (p, { engine, access }) =>
    audienceMembers(engine, { rule: allowedRule(p.rule, ['rule'], access), asOf: p.asOf, purpose: p.purpose, holdoutPct: p.holdoutPct, salt: p.salt }),

  'audiences.recheckConsent': (p, { engine }) => recheckConsent(engine, p.customerIds, p.purpose),

  'planning.forecast': (p, { engine }) =>
    forecastChannels(engine, { horizon: p.horizon, ...(p.level !== undefined ? { level: p.level } : {}), ...(p.channels ? { channels: p.channels } : {}) }),
  'planning.churnCalibration': (_p, { engine }) => churnCalibration(engine),
  'planning.churnModelVersions': (_p, { engine }) => churnModelVersions(engine),
  'attribution.pathsReport': (p, { engine }) => pathsReport(engine, p),
};
