import { eventSchemas, type EventName, type EventPayload } from '../../../shared/ipc/events';
import { decodeWire } from '../../../shared/ipc/wire';
import { electronBridge } from './client';

type Listener<N extends EventName> = (payload: EventPayload<N>) => void;

let source: EventSource | null = null;

/** Subscribes to a main-process event; payloads are parsed with the contract's schema. */
export function onEvent<N extends EventName>(name: N, listener: Listener<N>): () => void {
  const deliver = (raw: unknown) => {
    const parsed = eventSchemas[name].safeParse(raw);
    if (parsed.success) listener(parsed.data as EventPayload<N>);
  };
  const bridge = electronBridge();
  if (bridge?.subscribe) return bridge.subscribe(name, deliver);
  source ??= new EventSource('/api/events');
  const handler = (event: MessageEvent<string>) => deliver(decodeWire(event.data));
  source.addEventListener(name, handler);
  return () => source?.removeEventListener(name, handler);
}
