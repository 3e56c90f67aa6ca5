import type { Handlers } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/errors';
import { lineageFor, type LineageSources, type MeshDecision } from '../../../shared/lineage/build-lineage';
import type { LineageGraph, LineageObject } from '../../../shared/lineage/lineage-graph';
import { lineageObjects, notFoundMessage } from '../../../shared/lineage/lineage-objects';
import { toOpenLineage } from '../../../shared/lineage/openlineage';
import { loadLineageSources } from '../../lineage/lineage-sources';
import { getLogger } from '../../logging/logger';
import type { AppContext } from '../app-context';
import { lastAudienceList } from './audience-list-cache';
import { decidedBy } from './audience-version-view';

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
  /**
   * Who decided the audience versions in a graph whose decision this laptop's log lacks (the
   * approver worked on their own laptop): asked of the mesh, best effort. Offline, the graph
   * answers without them.
   */
  const meshDecisions = async (graph: LineageGraph): Promise<MeshDecision[]> => {
    const undecided = graph.nodes.filter((n) => n.kind === 'audience_version' && !graph.edges.some((e) => e.to === n.key && e.relation === 'approved'));
    const out: MeshDecision[] = [];
    for (const node of undecided.slice(0, 20)) {
      const at = node.id.lastIndexOf('@');
      const [id, version] = [node.id.slice(0, at), Number(node.id.slice(at + 1))];
      let found;
      try {
        found = await mesh().getAudienceVersion(id, version);
      } catch (error) {
        // One failure (offline, refused) answers for the rest too: no waiting on each in turn.
        log.warn('could not ask the mesh who decided an audience version; its lineage shows no decision', { err: error, audience: id, version });
        break;
      }
      if (found.status !== 'approved' && found.status !== 'rejected') continue;
      out.push({ audience: { id, version }, decision: found.status, by: decidedBy(found), at: found.decided_at ?? null });
    }
    return out;
  };
  const graphFor = async (object: LineageObject) => {
    const base: LineageSources = await sources();
    const first = lineageFor(base, object);
    if (!first) throw new AppError('not_found', notFoundMessage(object));
    const decisions = await meshDecisions(first);
    return decisions.length > 0 ? (lineageFor({ ...base, decisions }, object) ?? first) : first;
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
