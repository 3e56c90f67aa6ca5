/**
 * Main's pushed events in a test: installs the preload bridge's `subscribe` on `window`, so the
 * real event bridge (renderer/src/api/event-bridge.ts) runs, and returns `emit` to push one.
 */
import type { EventName, EventPayload } from '../../../../shared/ipc/events';

type Listener = (payload: unknown) => void;

export function installFakeEvents(): { emit: <N extends EventName>(name: N, payload: EventPayload<N>) => void; uninstall: () => void } {
  const listeners = new Map<string, Set<Listener>>();
  const bridge = {
    subscribe: (name: string, listener: Listener) => {
      const set = listeners.get(name) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(name, set);
      return () => set.delete(listener);
    },
  };
  (window as unknown as { meshwork?: unknown }).meshwork = bridge;
  return {
    emit: (name, payload) => listeners.get(name)?.forEach((l) => l(payload)),
    uninstall: () => delete (window as unknown as { meshwork?: unknown }).meshwork,
  };
}
