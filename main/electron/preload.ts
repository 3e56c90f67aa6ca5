/**
 * The only bridge between the sandboxed renderer and main: `window.meshwork`, one named
 * async function per contract call plus a subscription to the contract's named events.
 * No generic invoke(channel) is exposed. Built as CommonJS (.cjs), as sandboxed preloads require.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { contract } from '../../shared/ipc/contract';
import { channelOf } from '../../shared/ipc/define';
import { eventNames, type EventName } from '../../shared/ipc/events';

type Fn = (input?: unknown) => Promise<unknown>;

const api: Record<string, Record<string, Fn>> = {};
for (const [domain, calls] of Object.entries(contract)) {
  const fns: Record<string, Fn> = {};
  for (const method of Object.keys(calls)) {
    const channel = channelOf(domain, method);
    fns[method] = (input?: unknown) => ipcRenderer.invoke(channel, input ?? {});
  }
  api[domain] = Object.freeze(fns);
}

function subscribe(name: EventName, listener: (payload: unknown) => void): () => void {
  if (!eventNames.includes(name)) throw new Error(`Unknown event ${String(name)}`);
  const channel = `event.${name}`;
  const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => ipcRenderer.removeListener(channel, wrapped);
}

contextBridge.exposeInMainWorld('meshwork', Object.freeze({ ...api, subscribe }));
