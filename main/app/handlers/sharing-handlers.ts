import type { Handlers } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/errors';
import { DuckDbEngine } from '../../engine/duckdb-engine';
import { isCoreProduct } from '../../mesh/delta-sharing/core-mapping';
import { ProfileError } from '../../mesh/delta-sharing/profile';
import { pullSharedTable } from '../../mesh/delta-sharing/pull-shared-table';
import { sharedCatalog } from '../../mesh/delta-sharing/shared-catalog';
import { cacheDestination } from '../../mesh/pull-destinations';
import { MeshError } from '../../mesh/mesh-error';
import type { AppContext } from '../app-context';

/** Delta Sharing profiles as connections: catalog of shared tables and pulls into the extract cache. */
export function createSharingHandlers(ctx: AppContext): Handlers['sharing'] {
  const store = () => {
    const s = ctx.services.sharingProfiles;
    if (!s) throw new AppError('unavailable', 'Delta Sharing is not available in this workspace.');
    return s;
  };
  const profile = async (id: string) => {
    const p = await store().get(id);
    if (!p) throw new AppError('not_found', 'That Delta Sharing profile is no longer in this workspace.');
    return p;
  };
  const asAppError = (error: unknown) => (error instanceof MeshError ? new AppError(error.code, error.message) : error);

  return {
    listProfiles: async () => ({ profiles: await store().list() }),
    addProfile: async ({ name, profile: text }) => {
      try {
        const added = await store().add(name, text);
        await ctx.services.mesh.logActivity({ action: 'connection', summary: `Added Delta Sharing profile ${name}`, details: { endpoint: added.endpoint } });
        return { profile: added };
      } catch (error) {
        if (error instanceof ProfileError) throw new AppError(error.code, error.message, error.path ? `profile.${error.path}` : 'profile');
        throw error;
      }
    },
    removeProfile: async ({ id }) => {
      const removed = await store().remove(id);
      if (removed) await ctx.services.mesh.logActivity({ action: 'connection', summary: 'Removed a Delta Sharing profile', details: { id } });
      return { removed };
    },
    catalog: async ({ id }) => {
      try {
        return { tables: await sharedCatalog(await profile(id)) };
      } catch (error) {
        throw asAppError(error);
      }
    },
    pull: async (input) => {
      const p = await profile(input.id);
      const [share, schema, name] = input.table.split('.') as [string, string, string];
      const productId = input.as ?? name;
      if (!/^[A-Za-z0-9_]{1,64}$/.test(productId))
        throw new AppError('invalid_input', `The table name ${name} is not a usable product id; pull it as a product.`, 'as');
      const job = ctx.jobs.start('pull', `Pull ${input.table}`, productId);
      void (async () => {
        const db = await DuckDbEngine.open(':memory:');
        try {
          const result = await pullSharedTable({
            profile: p,
            table: { share, schema, name },
            productId,
            ...(input.as !== undefined && isCoreProduct(input.as) ? { coreProduct: input.as } : {}),
            mapping: input.columns ?? {},
            range: { ...(input.from ? { from: input.from } : {}), ...(input.to ? { to: input.to } : {}) },
            destination: cacheDestination(ctx.services.mesh.cache, `delta-sharing:${p.endpoint}`),
            db,
            signal: job.signal,
            onProgress: (pr) => {
              if (pr.phase === 'download' && pr.bytesTotal > 0) job.progress(pr.bytesDone / pr.bytesTotal, `${pr.bytesDone} of ${pr.bytesTotal} bytes`);
              else if (pr.phase === 'verify') job.progress(1, 'Checking sizes and columns');
            },
          });
          await ctx.services.mesh.logActivity({
            action: 'pull',
            summary: `Pulled Delta Sharing table ${result.table} version ${result.tableVersion} as ${productId} (${result.rows} rows)`,
            details: {
              product: productId,
              table: result.table,
              version: result.version,
              rows: result.rows,
              bytes: result.bytes,
              checkedAgainst: result.checkedAgainst,
            },
          });
          job.progress(1, 'Loading into the workbench');
          await ctx.services.refreshData();
          job.done(`Version ${result.version}: ${result.rows.toLocaleString('en-US')} rows`);
        } catch (error) {
          job.fail(asAppError(error));
        } finally {
          db.close();
        }
      })();
      return { jobId: job.id };
    },
  };
}
