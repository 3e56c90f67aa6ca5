import { create } from 'zustand';
import { api } from '../api/client';
import type { Session } from '../../../shared/ipc/session-contract';

interface SessionStore {
  session: Session | null;
  error: string | null;
  online: boolean | null;
  load: () => Promise<void>;
}

export const useSessionStore = create<SessionStore>((set) => ({
  session: null,
  error: null,
  online: null,
  load: async () => {
    try {
      const session = await api.session.me({});
      set({ session, error: null, online: !session.offline });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },
}));

/** The mesh came back or went away (wired by the event bridge). */
export function onOnlineChanged({ online }: { online: boolean }): void {
  useSessionStore.setState({ online });
  if (online) void useSessionStore.getState().load();
}

export function hasRole(session: Session | null, role: string): boolean {
  return session?.roles.includes(role) ?? false;
}
