import { ensureAssignmentsView, hasAssignments, listExperiments, recordHoldout } from '../../shared/analysis/assignments/assignments-sql';
import { audienceMembers } from '../../shared/analysis/audience/audience-sql';
import { conversionPaths } from '../../shared/analysis/attribution/conversion-paths';
import { sweepAttribution } from '../../shared/analysis/attribution/sweep';
import { gridPageSql } from '../../shared/analysis/campaigns/dashboard-sql';
import {
  campaignBreakdown,
  campaignGridCount,
  campaignGridCsv,
  campaignGridTotals,
  campaignKpis,
  campaignOptions,
  campaignTimeseries,
} from '../../shared/analysis/campaigns/run-dashboard';
import { forecastChannels } from '../../shared/analysis/forecast/run-forecast';
import { churnCalibration, churnModelVersions } from '../../shared/analysis/churn/calibration-sql';
import { prePeriodStats } from '../../shared/analysis/experiment/pre-period';
import { conversionTypes, customerColumns, eventNames, latestActivity } from '../../shared/analysis/pickers/pickers-sql';
import { segmentCount, segmentOverlap, segmentPreview } from '../../shared/analysis/segment/run-segment';
import { tableColumns } from '../../shared/analysis/table-columns';
import type { AttributionModel } from '../../shared/specs/attribution-spec';
import { SpecError, parseSpec } from '../../shared/specs/index';
import { parseRule } from '../../shared/specs/segment-rule';
import { minimumDetectableEffect, requiredSampleSize } from '../../shared/stats/power';
import { runAnalysis } from '../analysis/run-analysis';
import { readerToArrow, toIpc } from './arrow';
import type { DuckDbEngine } from './duckdb-engine';
import type { EngineMethod, EngineParsedParams, EngineResult } from './engine-protocol';
import { loadProducts } from './load-products';
import { describeParquet } from './parquet-footer';

/**
 * What each named engine operation does, in the engine process, on its one DuckDB connection.
 * Every runner lives in shared/analysis; this map only parses what needs the data (rules,
 * specs) and calls it, so all bookkeeping (e.g. the attribution journeys' TEMP tables) stays in
 * this one process. `openWorkspace` and `cancel` are the service's own (engine-service.ts).
 */
export interface OperationContext {
  engine: DuckDbEngine;
  signal: AbortSignal;
}

type Operations = {
  [M in Exclude<EngineMethod, 'openWorkspace' | 'cancel'>]: (params: EngineParsedParams<M>, ctx: OperationContext) => Promise<EngineResult<M>>;
};

export const operations: Operations = {
  loadProducts: (p, { engine }) => loadProducts(engine, p.dataDir, { as: p.as ?? 'table', ...(p.only ? { only: p.only } : {}) }),
  describeParquet: (p, { engine }) => describeParquet(engine, p.files),

  'analysis.run': (p, { engine }) => runAnalysis(engine, parseSpec(p.spec)),

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
    const page = gridPageSql(p.query, columns, p.sort, p.startRow, p.endRow);
    const total = await campaignGridCount(engine, p.query);
    const reader = await engine.runCancellable(page.sql, page.params, { signal });
    return { arrow: toIpc(readerToArrow(reader)), total };
  },
  'campaigns.gridTotals': (p, { engine }) => campaignGridTotals(engine, p.query),
  'campaigns.exportCsv': (p, { engine }) => campaignGridCsv(engine, p.query),

  'segments.count': async (p, { engine }) => ({ count: await segmentCount(engine, parseRule(p.rule, ['rule']), p.as_of) }),
  'segments.preview': (p, { engine }) => segmentPreview(engine, parseRule(p.rule, ['rule']), { piiAccess: p.piiAccess, limit: p.limit, ...(p.as_of ? { asOf: p.as_of } : {}) }),
  'segments.overlap': (p, { engine }) => segmentOverlap(engine, p.rules.map((r, i) => parseRule(r, ['rules', i])), p.as_of),

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

  'assignments.available': (_p, { engine }) => hasAssignments(engine),
  'assignments.refreshView': async (_p, { engine }) => {
    await ensureAssignmentsView(engine);
    return null;
  },
  'assignments.recordHoldout': async (p, { engine }) => {
    await recordHoldout(engine, p.experimentId, p.members, p.holdout, p.assignedAt);
    return null;
  },

  'audiences.members': (p, { engine }) =>
    audienceMembers(engine, { rule: parseRule(p.rule, ['rule']), asOf: p.asOf, purpose: p.purpose, holdoutPct: p.holdoutPct, salt: p.salt }),

  'planning.forecast': (p, { engine }) => forecastChannels(engine, { horizon: p.horizon, ...(p.level !== undefined ? { level: p.level } : {}), ...(p.channels ? { channels: p.channels } : {}) }),
  'planning.churnCalibration': (_p, { engine }) => churnCalibration(engine),
  'planning.churnModelVersions': (_p, { engine }) => churnModelVersions(engine),
};
