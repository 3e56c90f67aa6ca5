/**
 * The renderer's typed client for the IPC contract. Under Electron it calls the preload
 * bridge (`window.meshwork`); in the browser host it POSTs to /api/<domain>/<method>.
 * Either way the answer is parsed with the contract's output schema before use.
 */
import { contract, type MeshworkApi } from '../../../shared/ipc/contract';
import type { CallDef } from '../../../shared/ipc/define';
import { AppError, toAppError } from '../../../shared/errors';
import { decodeWire, encodeWire } from '../../../shared/ipc/wire';

/** A failed call as the renderer sees it: the app's one AppError (code, message, path). */
export { AppError as ApiError } from '../../../shared/errors';

type Bridge = Record<string, Record<string, (input: unknown) => Promise<unknown>>> & {
  subscribe?: (name: string, listener: (payload: unknown) => void) => () => void;
};

export function electronBridge(): Bridge | undefined {
  return typeof window === 'undefined' ? undefined : (window as unknown as { meshwork?: Bridge }).meshwork;
}

async function httpCall(domain: string, method: string, input: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`/api/${domain}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: encodeWire(input ?? {}),
    });
  } catch {
    throw new AppError('host_unreachable', 'Meshwork lost contact with its local host process. Restart the app.');
  }
  return decodeWire(await response.text());
}

function unwrap(envelope: unknown, def: CallDef, name: string): unknown {
  if (envelope && typeof envelope === 'object' && 'ok' in envelope) {
    const e = envelope as { ok: boolean; value?: unknown; error?: unknown };
    if (e.ok) return def.output.parse(e.value);
    throw e.error && typeof e.error === 'object' ? toAppError(e.error) : new AppError('internal_error', `${name} failed.`);
  }
  throw new AppError('bad_answer', `${name} returned an answer Meshwork does not understand.`);
}

/**
 * The client for every call of the contract. The bridge is looked up per call, not at import,
 * so modules that import the client can be loaded (and tested) where there is no window.
 */
export function createApi(): MeshworkApi {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const [domain, calls] of Object.entries(contract) as Array<[string, Record<string, CallDef>]>) {
    api[domain] = {};
    for (const [method, def] of Object.entries(calls)) {
      const name = `${domain}.${method}`;
      api[domain]![method] = async (input?: unknown) => {
        const bridge = electronBridge();
        const envelope = bridge ? await bridge[domain]![method]!(input ?? {}) : await httpCall(domain, method, input);
        return unwrap(envelope, def, name);
      };
    }
  }
  return api as unknown as MeshworkApi;
}

export const api = createApi();
