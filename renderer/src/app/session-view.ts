/**
 * What the header says about the mesh and you, from two sources: the session answer (query
 * layer) and main's pushed `online` event. Whichever is newer wins, and a failed session answer
 * never falls back to the previous one: after switching to an unreachable mesh the header shows
 * that mesh, offline, and nobody signed in, not the last mesh's URL and user.
 */
import type { Session } from '../../../shared/ipc/session-contract';
import { apiKey, useApiQuery } from '../api/queries';
import { plainError } from '../ui/plain-error';

export const SESSION_KEY = apiKey('session', 'me');

/** Who you are on the active mesh, asked again every 30 s and whenever main says the mesh changed. */
export function useSession() {
  return useApiQuery('session', 'me', {}, { refetchInterval: 30_000 });
}

export interface SessionAnswer {
  data: Session | undefined;
  error: unknown;
  /** When the answer (or the failure) arrived, ms. */
  at: number;
}

export interface Pushed {
  online: boolean | null;
  meshUrl: string | null;
  at: number;
}

export interface SessionView {
  status: 'connecting' | 'online' | 'offline';
  meshUrl: string | null;
  session: Session | null;
  /** Why nobody is signed in, in plain words; null when someone is (or while connecting). */
  problem: string | null;
}

export function sessionView(answer: SessionAnswer, pushed: Pushed): SessionView {
  const pushedIsNewer = pushed.online !== null && pushed.at > answer.at;
  if (answer.error) {
    return {
      status: pushed.online === true && pushedIsNewer ? 'online' : 'offline',
      meshUrl: pushed.meshUrl,
      session: null,
      problem: plainError(answer.error).message,
    };
  }
  const session = answer.data ?? null;
  if (!session)
    return { status: pushed.online === null ? 'connecting' : pushed.online ? 'online' : 'offline', meshUrl: pushed.meshUrl, session: null, problem: null };
  // An event about another mesh than the session's: the session is about the mesh you left.
  if (pushedIsNewer && pushed.meshUrl !== null && pushed.meshUrl !== session.meshUrl) {
    return { status: pushed.online ? 'online' : 'offline', meshUrl: pushed.meshUrl, session: null, problem: null };
  }
  const online = pushedIsNewer ? pushed.online === true : !session.offline;
  return { status: online ? 'online' : 'offline', meshUrl: session.meshUrl, session, problem: null };
}
