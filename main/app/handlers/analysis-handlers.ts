import { createHash } from 'node:crypto';
import type { Handlers } from '../../../shared/ipc/contract';
import { conversionPaths } from '../../../shared/analysis/attribution/conversion-paths';
import { sweepAttribution } from '../../../shared/analysis/attribution/sweep';
import { columnKind } from '../../../shared/analysis/segment/compile-segment';
import { AppError } from '../../../shared/ipc/errors';
import { parseSpec } from '../../../shared/specs/index';
import type { AppContext } from '../app-context';
import { hasAssignments } from '../audience-holdouts';
import { getLogger } from '../../logging/logger';

const log = getLogger('analysis-handlers');

/** Requires the named products to be loaded, with an instruction the user can follow. */
function requireLoaded(ctx: AppContext, ids: string[]): void {
  const loaded = new Set(ctx.services.loadedProducts().map((p) => p.id));
  const missing = ids.filter((id) => !loaded.has(id));
  if (missing.length > 0) throw new AppError('missing_data', `Pull ${missing.join(' and ')} in the Catalog first: this analysis reads ${missing.length === 1 ? 'it' : 'them'}.`);
}

const SPEC_PRODUCTS: Record<string, string[]> = {
  attribution: ['touchpoints', 'conversions'],
  segment: ['customers'],
  experiment: ['experiment_assignments', 'conversions'],
};

function parse(spec: unknown) {
  try {
    return parseSpec(spec);
  } catch (error) {
    const e = error as { code?: string; message?: string; path?: string };
    throw new AppError(e.code ?? 'invalid_spec', e.message ?? String(error), e.path);
  }
}

export function createAnalysisHandlers(ctx: AppContext): Handlers['analysis'] {
  const engine = () => ctx.services.engine;
  return {
    runSpec: async ({ spec }) => {
      const parsed = parse(spec);
      const needs = SPEC_PRODUCTS[parsed.kind] ?? [];
      // Audience holdouts stand in for the experiment_assignments product (audience-holdouts.ts).
      const assignmentsReady = parsed.kind === 'experiment' && (await hasAssignments(engine()));
      requireLoaded(ctx, assignmentsReady ? needs.filter((p) => p !== 'experiment_assignments') : needs);
      if (parsed.kind === 'segment') {
        const text = JSON.stringify(parsed.rule);
        requireLoaded(ctx, [...(text.includes('"event"') ? ['events'] : []), ...(text.includes('"conversion"') ? ['conversions'] : [])]);
      }
      const started = Date.now();
      const result = await engine().runAnalysis(spec);
      const ms = Date.now() - started;
      const specHash = createHash('sha256').update(JSON.stringify(parsed)).digest('hex').slice(0, 16);
      const versions = Object.fromEntries(ctx.services.loadedProducts().map((p) => [p.id, p.version]));
      // The result stands even if the audit line cannot be written, but a run missing from the
      // activity log must not go unnoticed: logged, and shown as a failed job.
      await ctx.services.mesh.logActivity({ action: 'analysis', summary: `Ran a ${parsed.kind} analysis`, details: { kind: parsed.kind, specHash, dataVersions: versions, ms } }).catch((error: unknown) => {
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
      const rows = await engine().all<{ type: string; count: number }>(`SELECT conversion_type AS type, count(*) AS count FROM conversions WHERE conversion_type IS NOT NULL GROUP BY 1 ORDER BY 2 DESC`);
      return { types: rows };
    },
    attributionPaths: async (input) => {
      requireLoaded(ctx, ['touchpoints', 'conversions']);
      return conversionPaths(engine(), input, input.top);
    },
    attributionSweep: async ({ spec, param, values, model }) => {
      requireLoaded(ctx, ['touchpoints', 'conversions']);
      const parsed = parse(spec);
      if (parsed.kind !== 'attribution') throw new AppError('invalid_spec', 'A sweep needs an attribution spec.');
      return sweepAttribution(engine(), parsed, { param, values, ...(model ? { model: model as never } : {}) });
    },
    customerColumns: async () => {
      requireLoaded(ctx, ['customers']);
      const cols = await engine().all<{ name: string; type: string }>(`SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = 'customers' ORDER BY ordinal_position`);
      const out = [];
      for (const c of cols) {
        const kind = columnKind(c.type);
        let values: string[] | null = null;
        if (kind === 'string' && !['customer_id', 'email', 'phone', 'email_sha256'].includes(c.name)) {
          const distinct = await engine().all<{ v: string }>(`SELECT DISTINCT CAST("${c.name.replace(/"/g, '""')}" AS VARCHAR) AS v FROM customers WHERE "${c.name.replace(/"/g, '""')}" IS NOT NULL ORDER BY 1 LIMIT 51`);
          values = distinct.length <= 50 ? distinct.map((d) => d.v) : null;
        }
        out.push({ name: c.name, type: c.type, kind, values });
      }
      const loaded = new Set(ctx.services.loadedProducts().map((p) => p.id));
      const source = loaded.has('events') ? 'events' : loaded.has('conversions') ? 'conversions' : null;
      const [latest] = source ? await engine().all<{ t: string | null }>(`SELECT strftime(date_trunc('day', max(occurred_at)) + INTERVAL 1 DAY, '%Y-%m-%dT%H:%M:%SZ') AS t FROM ${source}`) : [];
      return { columns: out, latestActivity: latest?.t ?? null };
    },
    eventNames: async () => {
      requireLoaded(ctx, ['events']);
      const rows = await engine().all<{ v: string }>(`SELECT DISTINCT event_name AS v FROM events WHERE event_name IS NOT NULL ORDER BY 1 LIMIT 500`);
      return { names: rows.map((r) => r.v) };
    },
    segmentCount: async ({ rule, as_of }) => {
      requireLoaded(ctx, ['customers']);
      const asOf = as_of ?? new Date().toISOString();
      const base = await engine().request<{ count: number }>('segmentCount', { rule, as_of: asOf });
      const consent: Record<'email' | 'ads' | 'analytics', number> = { email: 0, ads: 0, analytics: 0 };
      for (const purpose of ['email', 'ads', 'analytics'] as const) {
        consent[purpose] = (await engine().request<{ count: number }>('segmentCount', { rule: { all: [rule, { consent: purpose }] }, as_of: asOf })).count;
      }
      return { count: base.count, consent };
    },
    segmentPreview: async ({ rule, as_of, limit }) => {
      requireLoaded(ctx, ['customers']);
      const session = await ctx.services.session().catch(() => null);
      const piiAccess = session?.pii_access === true;
      const rows = await engine().request<Record<string, unknown>[]>('segmentPreview', { rule, as_of: as_of ?? new Date().toISOString(), limit, piiAccess });
      return { rows, masked: !piiAccess };
    },
    segmentOverlap: async ({ segments, as_of }) => {
      requireLoaded(ctx, ['customers']);
      const matrix = await engine().request<number[][]>('segmentOverlap', { rules: segments.map((s) => s.rule), as_of: as_of ?? new Date().toISOString() });
      return { names: segments.map((s) => s.name), matrix };
    },
    experiments: async () => {
      if (!(await hasAssignments(engine()))) requireLoaded(ctx, ['experiment_assignments']);
      const variants = await engine().all<{ id: string; variant: string; users: number }>(
        `SELECT experiment_id AS id, variant, count(*) AS users FROM experiment_assignments GROUP BY 1, 2 ORDER BY 1, 2`,
      );
      const hasRegistry = ctx.services.loadedProducts().some((p) => p.id === 'experiments');
      const registry = hasRegistry
        ? await engine().all<Record<string, unknown>>(`SELECT * FROM experiments`)
        : [];
      const byId = new Map(registry.map((r) => [String(r.experiment_id), r]));
      const ids = [...new Set(variants.map((v) => v.id))];
      return {
        experiments: ids.map((id) => {
          const meta = byId.get(id);
          return {
            id,
            name: typeof meta?.name === 'string' ? meta.name : id,
            hypothesis: typeof meta?.hypothesis === 'string' ? meta.hypothesis : null,
            primary_metric: typeof meta?.primary_metric === 'string' ? meta.primary_metric : null,
            control: typeof meta?.control_variant === 'string' ? meta.control_variant : null,
            start_at: typeof meta?.start_at === 'string' ? meta.start_at : null,
            variants: variants.filter((v) => v.id === id).map((v) => ({ variant: v.variant, users: v.users })),
          };
        }),
      };
    },
    power: async (input) => {
      requireLoaded(ctx, ['conversions']);
      return engine().request<Record<string, unknown>>('power', input);
    },
  };
}
