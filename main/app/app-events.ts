import { eventSchemas, type EventName, type EventPayload } from '../../shared/ipc/events';

type Listener = (name: EventName, payload: unknown) => void;

/** Pushes from main to whichever UI host is attached (Electron window or browser host SSE). */
export class AppEvents {
  private readonly listeners = new Set<Listener>();

  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    const checked = eventSchemas[name].parse(payload);
    for (const listener of this.listeners) listener(name, checked);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
