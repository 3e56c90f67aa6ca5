import type { Handlers } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/errors';
import type { AppContext } from '../app-context';

export function createConnectionsHandlers(ctx: AppContext): Handlers['connections'] {
  const mesh = () => ctx.services.mesh;
  // How much each mesh still has to send, so Settings asks before removing one that has some.
  const withQueued = async <C extends { id: string }>(connections: C[]) => {
    const waiting = (await mesh().outboxItems()).filter((i) => i.state === 'queued' || i.state === 'sending');
    return connections.map((c) => ({ ...c, queued: waiting.filter((i) => i.connectionId === c.id).length }));
  };
  return {
    list: async () => ({
      connections: await withQueued(await mesh().connections.list()),
      tokenStorage: ctx.host.kind === 'electron' ? 'the system keychain (Electron safeStorage)' : 'a key file in the workspace folder (browser host)',
    }),
    add: async (input) => {
      const added = await mesh().addConnection(input);
      // A new active mesh is a new identity: the engine reloads for its rights.
      if (input.makeActive) await ctx.services.refreshData().catch(() => undefined);
      return added;
    },
    remove: async ({ id }) => {
      const list = await mesh().connections.list();
      if (list.find((c) => c.id === id)?.embedded)
        throw new AppError('embedded_mesh', 'The built-in demo mesh cannot be removed; add your own mesh and make it active instead.');
      // Through MeshService, which writes the removal to the activity log.
      return mesh().removeConnection(id);
    },
    demoUsers: async () => {
      const demo = ctx.services.demoUsers();
      return demo ? { available: true, roles: demo.roles, current: demo.current } : { available: false, roles: [], current: null };
    },
    switchDemoUser: async ({ role }) => {
      await ctx.services.switchDemoUser(role);
      return { current: role };
    },
    setActive: async ({ id }) => {
      await mesh().connections.setActive(id);
      await ctx.services.refreshData().catch(() => undefined);
      const online = await mesh()
        .me()
        .then(
          (me) => !me.offline,
          () => false,
        );
      ctx.events.emit('online', { online, meshUrl: (await mesh().endpoint()).url });
      return { active: id };
    },
  };
}
