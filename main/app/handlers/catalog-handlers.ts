import type { Handlers } from '../../../shared/ipc/contract';
import { contractColumns, type OdcsContract } from '../../../shared/contracts/odcs';
import { contractRules } from '../../../shared/contracts/quality-rules';
import { changedColumnsUsed, productGovernance } from '../../mesh/quality/product-governance';
import { formatBytes, formatDuration } from '../../../shared/format';
import { AppError } from '../../../shared/ipc/errors';
import type { CatalogEntry as MeshCatalogEntry } from '../../mesh/mesh-service';
import type { AppContext } from '../app-context';
import { productsReadBy } from '../spec-products';

function contractView(contract: OdcsContract) {
  const description = (contract.description ?? {}) as Record<string, unknown>;
  const team = Array.isArray(contract.team) ? (contract.team as Array<Record<string, unknown>>) : [];
  return {
    id: String(contract.id ?? ''),
    version: String(contract.version ?? ''),
    status: String(contract.status ?? ''),
    purpose: typeof description.purpose === 'string' ? description.purpose : '',
    usage: typeof description.usage === 'string' ? description.usage : '',
    limitations: typeof description.limitations === 'string' ? description.limitations : '',
    team: team.map((m) => ({ username: String(m.username ?? m.name ?? ''), role: String(m.role ?? '') })),
    columns: contractColumns(contract),
    // In words (quality-rules.ts), never the contract's raw JSON.
    quality: contractRules(contract).map((r) => ({ id: r.id, column: r.column, rule: r.text, severity: r.severity, checked: r.check !== null })),
    sla: (contract.slaProperties ?? []).map((s) => ({ property: String(s.property), value: `${String(s.value)}${s.unit ? ` ${String(s.unit)}` : ''}` })),
  };
}

export function createCatalogHandlers(ctx: AppContext): Handlers['catalog'] {
  const loadedIds = () => new Set(ctx.services.loadedProducts().map((p) => p.id));
  const view = (p: MeshCatalogEntry, loaded: Set<string>) => ({
    id: p.id,
    name: p.name,
    domain: p.domain,
    owner: p.owner,
    description: p.description,
    version: String(p.version),
    updated_at: p.updated_at,
    freshness_sla_hours: p.freshness_sla_hours,
    classification: p.classification,
    pseudonymised: p.pseudonymised === true,
    freshness: p.freshness,
    cached: p.cached,
    loaded: loaded.has(p.id),
    ...(p.quality ? { quality: p.quality } : {}),
    ...(p.retention ? { retention: p.retention } : {}),
  });

  return {
    products: async () => {
      const products = await ctx.services.mesh.listProducts();
      const loaded = loadedIds();
      return { products: products.map((p) => view(p, loaded)), offline: products.some((p) => p.offline) };
    },

    product: async ({ id }) => {
      const products = await ctx.services.mesh.listProducts();
      const entry = products.find((p) => p.id === id);
      if (!entry) throw new AppError('unknown_product', `There is no data product '${id}' in this mesh's catalog.`);
      const { contract, offline } = await ctx.services.mesh.getContract(id);
      const current = entry.cached?.version ?? null;
      const versions = (await ctx.services.mesh.cache.versions(id)).map((v) => ({
        version: v.version,
        fetchedAt: v.fetchedAt,
        rows: v.manifest.rows ?? null,
        current: v.version === current,
      }));
      const saved = await ctx.workspace.list();
      const governance = await productGovernance(ctx.services.mesh.cache, id);
      const consumers = saved
        .filter((item) => productsReadBy(item.kind, item.spec).includes(id))
        .map((item) => {
          const changedColumns = changedColumnsUsed(item.spec, governance.changeLog);
          return { id: item.id, name: item.name, kind: item.kind, ...(changedColumns.length > 0 ? { changedColumns } : {}) };
        });
      return { entry: view(entry, loadedIds()), contract: contractView(contract), versions, consumers, offline: offline || entry.offline, governance };
    },

    pull: async ({ id }) => {
      const started = ctx.jobs.startOnce(`pull:${id}`, 'pull', `Pull ${id}`, id, async (job) => {
        try {
          const result = await ctx.services.mesh.pull(id, {
            signal: job.signal,
            onProgress: (p) => {
              if (p.phase === 'download' && p.bytesTotal > 0) {
                const eta = p.etaSeconds === null ? '' : `, ${formatDuration(p.etaSeconds)} left`;
                job.progress(p.bytesDone / p.bytesTotal, `${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)} at ${formatBytes(p.rate)}/s${eta}`);
              } else if (p.phase === 'verify') job.progress(1, 'Checking checksums and the data contract');
              else if (p.phase === 'install') job.progress(1, 'Installing');
            },
          });
          job.progress(1, 'Loading into the workbench');
          await ctx.services.refreshData();
          const warnings = (result.quality ?? []).filter((q) => !q.passed).length;
          job.done(
            `Version ${result.version}: ${result.rows.toLocaleString('en-US')} rows${warnings > 0 ? `, installed with ${warnings} quality warning${warnings === 1 ? '' : 's'}` : ''}`,
          );
        } catch (error) {
          job.fail(error);
        }
      });
      return { jobId: started.id };
    },
  };
}
