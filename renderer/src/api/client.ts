/**
 * The renderer's typed client for the IPC contract. Under Electron it calls the preload
 * bridge (`window.meshwork`); in the browser host it POSTs to /api/<domain>/<method>.
 * Either way the answer is parsed with the contract's output schema before use.
 */
import { contract, type MeshworkApi } from '../../../shared/ipc/contract';
import type { CallDef } from '../../../shared/ipc/define';
import { appErrorSchema, type AppErrorBody } from '../../../shared/ipc/errors';
import { decodeWire, encodeWire } from '../../../shared/ipc/wire';

export class ApiError extends Error {
  constructor(readonly body: AppErrorBody) {
    super(body.message);
    this.name = 'ApiError';
  }
  get code(): string {
    return this.body.code;
  }
}

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
    throw new ApiError({ code: 'host_unreachable', message: 'Meshwork lost contact with its local host process. Restart the app.' });
  }
  return decodeWire(await response.text());
}

function unwrap(envelope: unknown, def: CallDef, name: string): unknown {
  if (envelope && typeof envelope === 'object' && 'ok' in envelope) {
    const e = envelope as { ok: boolean; value?: unknown; error?: unknown };
    if (e.ok) return def.output.parse(e.value);
    const parsed = appErrorSchema.safeParse(e.error);
    throw new ApiError(parsed.success ? parsed.data : { code: 'internal_error', message: `${name} failed.` });
  }
  throw new ApiError({ code: 'bad_answer', message: `${name} returned an answer Meshwork does not understand.` });
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
