import { create } from 'zustand';
import type { Session } from '../../../shared/ipc/session-contract';

/**
 * What main last pushed about the mesh (the `online` event): reachable or not, and which mesh.
 * The session itself (who you are there) is server state in the query layer (`useSession`);
 * this only says which is newer, so the header never shows a user of the mesh you just left.
 */
interface PushedMeshState {
  online: boolean | null;
  meshUrl: string | null;
  /** When the event arrived (ms), to compare with the session answer's time. */
  at: number;
}

export const useSessionStore = create<PushedMeshState>(() => ({ online: null, meshUrl: null, at: 0 }));

/** The mesh came back, went away, or another one became active (wired by the event bridge). */
export function onOnlineChanged({ online, meshUrl }: { online: boolean; meshUrl: string | null }): void {
  useSessionStore.setState({ online, meshUrl, at: Date.now() });
}

export function hasRole(session: Session | null, role: string): boolean {
  return session?.roles.includes(role) ?? false;
}
