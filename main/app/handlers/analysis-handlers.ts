import type { Handlers } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/errors';
import { parseSpec } from '../../../shared/specs/index';
import type { AppContext } from '../app-context';
import { getLogger } from '../../logging/logger';
import { requiredProducts } from '../../analysis/required-products';
import { readsForLog } from '../../lineage/product-versions-read';
import { specHash as hashSpec } from '../../lineage/spec-hash';
import { article } from '../../../shared/format';

const log = getLogger('analysis-handlers');

/** Requires the named products to be loaded, with an instruction the user can follow. */
function requireLoaded(ctx: AppContext, ids: string[]): void {
  const loaded = new Set(ctx.services.loadedProducts().map((p) => p.id));
  const missing = ids.filter((id) => !loaded.has(id));
  if (missing.length > 0)
    throw new AppError('missing_data', `Pull ${missing.join(' and ')} in the Catalog first: this analysis reads ${missing.length === 1 ? 'it' : 'them'}.`);
}

const SPEC_PRODUCTS: Record<string, string[]> = {
  attribution: ['touchpoints', 'conversions'],
  segment: ['customers'],
  experiment: ['experiment_assignments', 'conversions'],
  geo_experiment: ['geo_sales'],
  geo_plan: ['geo_sales'],
  calibrated_attribution: ['touchpoints', 'conversions'],
  budget: ['campaign_performance'],
};

/** A bad spec throws SpecError, an AppError with the spec path: the dispatcher passes it on as is. */
const parse = parseSpec;

export function createAnalysisHandlers(ctx: AppContext): Handlers['analysis'] {
  const engine = () => ctx.services.engine;
  return {
    runSpec: async ({ spec }) => {
      const parsed = parse(spec);
      const needs = SPEC_PRODUCTS[parsed.kind] ?? [];
      // Audience holdouts stand in for the experiment_assignments product (audience-holdouts.ts).
      const assignmentsReady = parsed.kind === 'experiment' && (await engine().call('assignments.available', {}));
      requireLoaded(ctx, assignmentsReady ? needs.filter((p) => p !== 'experiment_assignments') : needs);
      if (parsed.kind === 'segment') {
        const text = JSON.stringify(parsed.rule);
        requireLoaded(ctx, [
          ...(text.includes('"event"') ? ['events'] : []),
          ...(text.includes('"conversion"') ? ['conversions'] : []),
          ...(text.includes('"churn_probability"') ? ['churn_scores'] : []),
        ]);
      }
      const started = Date.now();
      const result = await engine().call('analysis.run', { spec });
      const ms = Date.now() - started;
      const specHash = hashSpec(parsed);
      const versions = Object.fromEntries(ctx.services.loadedProducts().map((p) => [p.id, p.version]));
      // What the run read, with contract versions, for its lineage (docs/governance.md#lineage).
      const reads = await readsForLog(ctx.services, requiredProducts(parsed).keys());
      // The result stands even if the audit line cannot be written, but a run missing from the
      // activity log must not go unnoticed: logged, and shown as a failed job.
      await ctx.services.mesh
        .logActivity({
          action: 'analysis',
          summary: analysisRunSummary(parsed.kind),
          details: { kind: parsed.kind, specHash, dataVersions: versions, ms, ...reads },
        })
        .catch((error: unknown) => {
          log.error('could not write an analysis run to the activity log', { err: error, kind: parsed.kind, specHash });
          ctx.jobs.reportFailure('analysis', `Recording the ${parsed.kind} analysis in the activity log`, error);
        });
      return { result, ms };
    },
    cancel: async () => {
      await engine().cancel();
      return { cancelled: true };
    },
    conversionTypes: async () => {
      requireLoaded(ctx, ['conversions']);
      return { types: await engine().call('pickers.conversionTypes', {}) };
    },
    attributionPaths: async (input) => {
      requireLoaded(ctx, ['touchpoints', 'conversions']);
      return engine().call('attribution.paths', input);
    },
    attributionSweep: async ({ spec, param, values, model }) => {
      requireLoaded(ctx, ['touchpoints', 'conversions']);
      const parsed = parse(spec);
      if (parsed.kind !== 'attribution') throw new AppError('invalid_spec', 'A sweep needs an attribution spec.');
      return engine().call('attribution.sweep', { spec, param, values, ...(model ? { model } : {}) });
    },
    customerColumns: async () => {
      requireLoaded(ctx, ['customers']);
      const loaded = new Set(ctx.services.loadedProducts().map((p) => p.id));
      const latestFrom = loaded.has('events') ? 'events' : loaded.has('conversions') ? 'conversions' : null;
      return engine().call('pickers.customerColumns', { latestFrom });
    },
    eventNames: async () => {
      requireLoaded(ctx, ['events']);
      return { names: await engine().call('pickers.eventNames', {}) };
    },
    segmentCount: async ({ rule, as_of }) => {
      requireLoaded(ctx, ['customers']);
      const asOf = as_of ?? new Date().toISOString();
      const base = await engine().call('segments.count', { rule, as_of: asOf });
      const consent: Record<'email' | 'ads' | 'analytics', number> = { email: 0, ads: 0, analytics: 0 };
      for (const purpose of ['email', 'ads', 'analytics'] as const) {
        consent[purpose] = (await engine().call('segments.count', { rule: { all: [rule, { consent: purpose }] }, as_of: asOf })).count;
      }
      return { count: base.count, consent };
    },
    segmentPreview: async ({ rule, as_of, limit }) => {
      requireLoaded(ctx, ['customers']);
      // Without a known session the preview stays masked: the safe answer, but worth a line.
      const session = await ctx.services.session().catch((error: unknown) => {
        log.warn('could not read the session; the segment preview stays masked', { err: error });
        return null;
      });
      const piiAccess = session?.pii_access === true;
      const rows = await engine().call('segments.preview', { rule, as_of: as_of ?? new Date().toISOString(), limit, piiAccess });
      // Masked is what the rows are, not only what the role allows: a privacy officer reading an
      // extract a marketer pulled sees pseudonymised values until they pull it again.
      const rawOnLaptop = ctx.services.loadedProducts().find((p) => p.id === 'customers')?.rawPii === true;
      return { rows, masked: !(piiAccess && rawOnLaptop) };
    },
    segmentOverlap: async ({ segments, as_of }) => {
      requireLoaded(ctx, ['customers']);
      const matrix = await engine().call('segments.overlap', { rules: segments.map((s) => s.rule), as_of: as_of ?? new Date().toISOString() });
      return { names: segments.map((s) => s.name), matrix };
    },
    segmentFunnel: async ({ rule, as_of }) => {
      requireLoaded(ctx, ['customers']);
      return engine().call('segments.funnel', { rule, as_of: as_of ?? new Date().toISOString() });
    },
    segmentMatchRates: async ({ rule, as_of, destinations }) => {
      requireLoaded(ctx, ['customers']);
      return { rates: await engine().call('segments.matchRates', { rule, as_of: as_of ?? new Date().toISOString(), destinations }) };
    },
    experiments: async () => {
      if (!(await engine().call('assignments.available', {}))) requireLoaded(ctx, ['experiment_assignments']);
      const withRegistry = ctx.services.loadedProducts().some((p) => p.id === 'experiments');
      return { experiments: await engine().call('experiments.list', { withRegistry }) };
    },
    geoTests: async () => {
      requireLoaded(ctx, ['geo_sales']);
      const withRegistry = ctx.services.loadedProducts().some((p) => p.id === 'experiments');
      return engine().call('geo.overview', { withRegistry });
    },
    power: async (input) => {
      requireLoaded(ctx, ['conversions']);
      return engine().call('experiments.power', input);
    },
    attributionPathsReport: async (input) => {
      requireLoaded(ctx, ['touchpoints', 'conversions']);
      return engine().call('attribution.pathsReport', input);
    },
  };
}

/** The activity log's line for a run, in words: "Ran an attribution analysis", "Ran a geo experiment analysis". */
export function analysisRunSummary(kind: string): string {
  const words = kind.replaceAll('_', ' ');
  return `Ran ${article(words)} ${words} analysis`;
}
