import type { Handlers } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/errors';
import { lineageFor } from '../../../shared/lineage/build-lineage';
import type { LineageObject } from '../../../shared/lineage/lineage-graph';
import { lineageObjects, notFoundMessage } from '../../../shared/lineage/lineage-objects';
import { toOpenLineage } from '../../../shared/lineage/openlineage';
import { loadLineageSources } from '../../lineage/lineage-sources';
import { getLogger } from '../../logging/logger';
import type { AppContext } from '../app-context';
import { lastAudienceList } from './audience-list-cache';

const log = getLogger('lineage-handlers');

/** Lineage is built on this laptop from the activity log, saved specs and extract cache: it answers offline. */
export function createLineageHandlers(ctx: AppContext): Handlers['lineage'] {
  const mesh = () => ctx.services.mesh;
  const activeMesh = () =>
    mesh()
      .endpoint()
      .catch((error: unknown) => {
        log.warn('no active mesh for lineage names; ids are shown instead', { err: error });
        return null;
      });
  const sources = async () => {
    const connection = await activeMesh();
    const audiences = connection ? await lastAudienceList(ctx.host.dataDir, connection.id) : null;
    return loadLineageSources({
      dataDir: ctx.host.dataDir,
      cache: mesh().cache,
      entries: await mesh().activity(),
      saved: await ctx.workspace.list(),
      audienceNames: Object.fromEntries((audiences?.audiences ?? []).map((a) => [a.id, a.name])),
    });
  };
  const graphFor = async (object: LineageObject) => {
    const graph = lineageFor(await sources(), object);
    if (!graph) throw new AppError('not_found', notFoundMessage(object));
    return graph;
  };
  return {
    forObject: async (object) => ({ graph: await graphFor(object) }),
    openLineage: async (object) => {
      const graph = await graphFor(object);
      // Datasets whose mesh was not recorded (audiences, older caches) are named in the active mesh.
      const meshUrl = (await activeMesh())?.url ?? 'meshwork://unknown-mesh';
      const events = toOpenLineage(graph, { appVersion: ctx.host.version, meshUrl });
      const focus = graph.nodes.find((n) => n.key === graph.focus);
      await mesh().logActivity({
        action: 'export',
        summary: `Exported the lineage of ${focus?.title ?? object.id} as OpenLineage JSON (${events.length} run events)`,
        details: { kind: 'lineage', format: 'openlineage', object: `${object.kind}:${object.id}`, reads: [] },
      });
      const slug = `${object.kind}-${object.id}`.replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 80);
      return { events: events as unknown as Array<Record<string, unknown>>, fileName: `meshwork-lineage-${slug}.openlineage.json` };
    },
    recent: async ({ limit }) => ({ objects: lineageObjects(await sources(), limit) }),
  };
}
